"""Frozen entry point: the same ``main()`` as ``python -m desktop`` and ``alongside``."""

import sys

from desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
