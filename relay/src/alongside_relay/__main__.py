"""`python -m alongside_relay …` runs the same command line as `alongside-relay`."""

import sys

from alongside_relay.cli import main

sys.exit(main())
