import sys

from nomentum.cli import main

sys.exit(main())
