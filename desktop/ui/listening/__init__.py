"""The listening session (issue 15): equal turns of listening for a small peer group.

Set-up (`setup_dialog`), the session's own window (`session_window`, `run_page`,
`end_page`), the chime (`sound`), the reflection afterwards (`reflection`) and the Go
menu's entry (`launch`). The session window shows no vault content and holds no vault.
"""
