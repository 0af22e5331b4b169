"""Tests of the synthetic mission (a package, so this test_demo.py and tests/cli/test_demo.py can coexist)."""
