"""Tests of `negotrack.interop`."""
