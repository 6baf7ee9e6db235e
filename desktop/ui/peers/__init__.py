"""The Peers place: the people in my support network and the sharing partner (to come)."""
