"""The tenant's guided entry: named steps, one question a page, answers kept in the session.

Each step is a real URL (Back works, and every choice is a plain link); what was answered lives
in the session under the wizard's id, which is also the idempotency key of the request it ends
in. Nothing reaches the landlord before the tenant confirms.
"""
