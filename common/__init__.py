"""Shared plumbing with no models of its own: GOV.UK form helpers and history display.

Any app may import it; it imports no app of ours but the lowest layer.
"""
