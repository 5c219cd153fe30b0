import sys

from negsim.cli import main

sys.exit(main())
