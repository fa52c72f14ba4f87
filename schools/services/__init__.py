"""Operations on school data that touch several models. Views and tasks call these."""
