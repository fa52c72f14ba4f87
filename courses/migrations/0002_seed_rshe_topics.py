"""Seed the RSHE topic taxonomy, including the July 2025 additions."""

from django.db import migrations

# (slug, name, theme, sensitive, added in the July 2025 guidance)
TOPICS = [
    ("families", "Families and stable relationships", "families", False, False),
    ("healthy-relationships", "Healthy relationships and friendships", "respectful", False, False),
    ("respect-and-stereotypes", "Respect, stereotypes and prejudice", "respectful", False, False),
    ("bullying-and-online-bullying", "Bullying, including online", "respectful", False, False),
    ("misogyny", "Misogyny", "respectful", False, True),
    ("incel-culture", "Incel culture", "online", False, True),
    ("online-safety", "Online rights, risks and behaviour", "online", False, False),
    ("sharing-nudes", "Sharing nudes and semi-nudes", "online", True, True),
    ("deepfakes", "Deepfakes and AI-generated images", "online", False, True),
    ("pornography", "Pornography", "online", True, True),
    ("consent", "Consent", "safe", True, False),
    ("sexual-harassment", "Sexual harassment", "safe", True, True),
    ("domestic-abuse-and-coercive-control", "Domestic abuse and coercive control", "safe", True, False),
    ("abuse-grooming-and-exploitation", "Abuse, grooming and exploitation", "safe", True, False),
    ("violence-against-women-and-girls", "Violence against women and girls", "safe", False, False),
    ("getting-help", "Getting help and reporting concerns", "safe", False, False),
    ("the-law", "The law on relationships, sex and images", "intimate", False, False),
]


def seed(apps, schema_editor):
    RSHETopic = apps.get_model("courses", "RSHETopic")
    for slug, name, theme, sensitive, added in TOPICS:
        RSHETopic.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "theme": theme, "is_sensitive": sensitive, "added_in_2025": added},
        )


def unseed(apps, schema_editor):
    apps.get_model("courses", "RSHETopic").objects.filter(slug__in=[t[0] for t in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
