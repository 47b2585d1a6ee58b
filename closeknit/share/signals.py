from django.dispatch import Signal

# Sent once per daily prompt, after the transaction that revealed both answers commits.
# Receivers get ``daily``; never put the answers' words anywhere outside the space.
answers_revealed = Signal()
