"""Tests of `negotrack.model`."""
