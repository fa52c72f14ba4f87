"""What pupils do, recorded: each event and its summary in one transaction."""
