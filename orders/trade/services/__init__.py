"""Trade services: one function per action or transition; views, admin and commands call these."""
