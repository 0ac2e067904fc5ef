"""Screens: one module each; the app imports only the course map at start-up."""
