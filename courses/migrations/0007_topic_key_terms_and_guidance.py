"""Sensitive topics from content: key terms for each sensitive topic, the topics safe-practice
guidance treats as sensitive marked so, image-based abuse added, and where each topic stands in
the statutory guidance (sexual harassment, sharing nudes and pornography were in the 2019
guidance and expanded in July 2025, not added then)."""

from django.db import migrations, models

# slug: (name, theme, key terms); every topic here is sensitive.
SENSITIVE = {
    "sharing-nudes": (
        "Sharing nudes and semi-nudes",
        "online",
        ["nude*", "semi-nude*", "naked picture*", "naked photo*", "naked image*", "sexting", "indecent image*"],
    ),
    "pornography": ("Pornography", "online", ["porn*", "sexually explicit"]),
    "sexual-harassment": (
        "Sexual harassment and sexual violence",
        "safe",
        [
            "sexual harassment",
            "sexually harass*",
            "sexual violence",
            "sexual assault*",
            "sexually assault*",
            "rape",
            "raped",
            "rapist*",
            "upskirting",
            "cyberflashing",
            "cyber-flashing",
            "unwanted sexual",
            "sexual comment*",
            "catcall*",
            "groping",
            "groped",
        ],
    ),
    "consent": ("Consent", "safe", ["consent*", "consensual"]),
    "domestic-abuse-and-coercive-control": (
        "Domestic abuse and coercive control",
        "safe",
        [
            "coercive control*",
            "coercive and controlling",
            "controlling or coercive",
            "controlling behaviour*",
            "domestic abuse",
            "domestic violence",
        ],
    ),
    "abuse-grooming-and-exploitation": (
        "Abuse, grooming and exploitation",
        "safe",
        ["abuse", "abused", "abuser*", "abusive", "grooming", "groomed", "exploitation", "exploited", "sextortion"],
    ),
    "deepfakes": (
        "Deepfakes and AI-generated images",
        "online",
        ["deepfake*", "deep fake*", "nudify*", "nudification"],
    ),
    "image-based-abuse": (
        "Image-based abuse",
        "online",
        [
            "image-based abuse",
            "intimate image*",
            "revenge porn",
            "threaten to share",
            "threatened to share",
            "threatening to share",
        ],
    ),
    "misogyny": ("Misogyny", "respectful", ["misogyn*"]),
    "incel-culture": ("Incel culture", "online", ["incel*", "manosphere", "red pill"]),
    "violence-against-women-and-girls": (
        "Violence against women and girls",
        "safe",
        ["violence against women", "vawg", "femicide", "stalking", "stalked", "stalker*"],
    ),
}
EXPANDED_2025 = {"sharing-nudes", "pornography", "sexual-harassment"}
ADDED_2025 = {"misogyny", "incel-culture", "deepfakes"}
NOT_RECORDED = {"image-based-abuse"}


def forwards(apps, schema_editor):
    RSHETopic = apps.get_model("courses", "RSHETopic")
    for slug, (name, theme, terms) in SENSITIVE.items():
        topic = RSHETopic.objects.filter(slug=slug).first() or RSHETopic(slug=slug, theme=theme)
        topic.name = name
        topic.is_sensitive = True
        topic.key_terms = "\n".join(terms)
        topic.save()
    for topic in RSHETopic.objects.all():
        if topic.slug in EXPANDED_2025:
            topic.guidance = "expanded_2025"
        elif topic.slug in ADDED_2025:
            topic.guidance = "added_2025"
        elif topic.slug in NOT_RECORDED:
            topic.guidance = ""
        else:
            topic.guidance = "added_2025" if topic.added_in_2025 else "2019"
        topic.save(update_fields=["guidance"])


def backwards(apps, schema_editor):
    RSHETopic = apps.get_model("courses", "RSHETopic")
    RSHETopic.objects.filter(slug="image-based-abuse").delete()
    for topic in RSHETopic.objects.all():
        topic.added_in_2025 = topic.guidance in ("added_2025", "expanded_2025")
        topic.save(update_fields=["added_in_2025"])


class Migration(migrations.Migration):
    dependencies = [("courses", "0006_survey_items_disclosure_sensitive")]

    operations = [
        migrations.AddField(
            model_name="rshetopic",
            name="guidance",
            field=models.CharField(
                blank=True,
                choices=[
                    ("2019", "In the 2019 guidance"),
                    ("expanded_2025", "In the 2019 guidance, expanded in July 2025"),
                    ("added_2025", "Added by the July 2025 guidance"),
                ],
                default="2019",
                max_length=20,
                verbose_name="in the statutory guidance",
            ),
        ),
        migrations.AddField(
            model_name="rshetopic",
            name="key_terms",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Words and phrases that show a module covers this topic, one a line. End a term with * "
                    "to match any ending (nude* matches nude and nudes). A sensitive topic needs at least one. "
                    "A module whose lessons, quiz or survey use one of them cannot be published without this "
                    "topic ticked."
                ),
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="rshetopic", name="added_in_2025"),
    ]
