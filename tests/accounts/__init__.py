"""Tests of accounts/: signing in, passwords, sessions, two-factor sign-in and backup codes."""
