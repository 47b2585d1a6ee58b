"""Test support shared by every app's tests: personas, clients, and the pytest plugin."""
