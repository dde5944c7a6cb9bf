"""`python -m newsgraph …`: the same command line as `newsgraph …`."""

import sys

from newsgraph.cli import main

sys.exit(main())
