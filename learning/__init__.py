"""What pupils do: lesson progress, quiz attempts and survey responses."""
