"""The ``policyline`` command line; ``main`` is the console script's entry point."""

from policyline._cli.main import main

__all__ = ["main"]
