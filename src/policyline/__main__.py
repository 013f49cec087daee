"""``python -m policyline``: the same as the ``policyline`` command."""

from policyline._cli import main

raise SystemExit(main())
