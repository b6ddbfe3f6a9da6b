"""Tests of `negotrack.cli`."""
