"""The performance harness: a synthetic timeline generator and the peers it is measured against.

Run ``python -m benchmarks.run --events 100000`` (see "Performance" in README.md). Nothing here
is imported by the library, and nothing here is a unit test: speed is measured, not asserted.
"""
