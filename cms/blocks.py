"""StreamField blocks for stories: the way a fair-trade shop tells an artisan's story."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, label=_("Who said it"))

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"


class FactBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("Figure"), help_text=_("e.g. 38 women artisans"))
    label = blocks.CharBlock(label=_("What it counts"))

    class Meta:
        icon = "pick"
        template = "cms/blocks/fact.html"


class StoryBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(form_classname="title", icon="title", template="cms/blocks/heading.html")
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])
    image = ImageBlock(template="cms/blocks/image.html")
    quote = QuoteBlock()
    fact = FactBlock()
