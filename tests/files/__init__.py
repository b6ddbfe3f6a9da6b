"""Tests of `negotrack.files`."""
