"""How a supplier joins: its application (`applications`), the pages of /sell/join/ (`views`, `forms`) and the
emails that tell the applicant and the curators what happened (`emails`)."""
