"""State changes of the events app, one module per subject; each operation runs in one transaction.

- registrations: registering, deciding, the waiting list, capacity, attendance
- event_changes: staff edits and status changes that participants must hear about
- participants: the profile step, account linking, calendar address, account deletion
- certificates: issuing and emailing certificates of attendance
- check_in: the check-in desk
"""
