"""What it adds up to: statistics, suppression, rollups and reports."""
