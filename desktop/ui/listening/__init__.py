"""The listening session (equal turns for a small peer group): its home, empty until built.

Its window shows no vault content; it reads names only from peer contacts, if any.
"""
