"""Tests of `negotrack.report`."""
