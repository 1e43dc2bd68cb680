"""Workshop mode's window side (View > Workshop, F5): the facilitator's panel on the laptop,
the projector window, the timer, the round dialog, and how the window looks in the mode.

    controller.py   one window's workshop: session, timer, overlays, panel, projector
    look.py         entering and leaving the mode (zoom and scroll given back on Esc)
    panel.py        the facilitator's controls (timer, round, participants, capture)
    capture.py      the capture line: type, Enter, next; Tab for the next cell; paste lines
    timer.py        the timer (set, start, pause, +/- a minute; its log in the map)
    timer_face.py   the timer drawn big: last ten seconds in colour, the end flashing
    projector.py    the room's window: the map (stage by stage or whole), the timer, results
    results_board.py a round's ranked results drawn big (layout.workshop_picture)
    round_dialog.py a new voting round: name, scope, budget, cap, participants, anonymity
    screens.py      which screen is the projector's (pure, tested with made-up screens)
"""
