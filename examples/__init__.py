"""Runnable scripts that replay the corpus in ``events/`` and answer what a person would ask.

Each script answers one kind of question through small functions (which the tests call for
exact answers) and prints the answers in ``main()``. Run one from the repository root::

    .venv/bin/python examples/wenzhou_quality_road.py
"""
