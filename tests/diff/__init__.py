"""Tests of `negotrack.diff`."""
