import sys

from perspectives.cli import main

sys.exit(main())
