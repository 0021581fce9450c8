"""The judged buyer queries over the demo catalog, each with its intent written as rules (RULES.md).

A query names what the buyer wants as product *kinds*, optional *attributes* the wanted product must have,
*near* kinds (close substitutes: grade 2) and *related* kinds (grade 1). Kinds and attributes are tests on
the catalog's own fields, never on our search:

    title:words      the title holds these words in this order (case, hyphens and punctuation ignored)
    desc:words       the same in the description
    cat:slug         the product's category or its parent category is this one
    mat:words        one of the product's materials holds these words ("mat:leather": goat, cow, sheep)
    cluster:slug     the supplier belongs to this cluster
    a&b              both tests hold; a kind given by name (KINDS) stands for its test

judge.py grades every visible product of the demo for every query; RULES.md says how.
"""

from dataclasses import dataclass

# Product kinds of the demo catalog (cms/demo/products.py), by the words of their titles.
KINDS = {
    "beanie": "title:beanie",
    "pakol": "title:pakol",
    "baby blanket": "title:baby blanket",
    "patti throw": "title:throw",
    "pashmina shawl": "title:pashmina shawl",
    "aquamarine": "cat:gemstones&title:aquamarine",
    "tourmaline": "title:tourmaline",
    "peridot": "cat:gemstones&title:peridot",
    "pendant": "cat:jewellery&title:pendant",
    "carpet": "title:wool carpet",
    "kilim": "title:kilim",
    "runner rug": "title:runner rug",
    "bedsheet": "title:bedsheet",
    "stole": "title:stole",
    "table runner": "title:table runner",
    "block print cushion": "title:block print cushion cover",
    "jewellery box": "title:jewellery box",
    "stool": "title:stool",
    "fruit bowl": "title:fruit bowl",
    "planter": "title:planter",
    "pottery vase": "title:pottery vase",
    "plate": "title:dinner plate",
    "tile": "title:pottery tile",
    "camel lamp": "title:camel skin lamp",
    "lampshade": "title:lampshade",
    "camel vase": "title:camel skin vase",
    "coffee table": "title:coffee table",
    "armchair": "title:armchair",
    "mirror frame": "title:mirror frame",
    "chest": "title:wooden chest",
    "scissors": "title:scissors",
    "artery forceps": "title:artery forceps",
    "dental forceps": "title:dental extraction forceps",
    "needle holder": "title:needle holder",
    "football": "title:football",
    "goalkeeper gloves": "title:goalkeeper gloves",
    "cricket ball": "title:cricket ball",
    "batting pads": "title:batting pads",
    "work gloves": "title:work gloves",
    "riding gloves": "title:riding gloves",
    "motorbike gloves": "title:motorbike leather gloves",
    "fashion gloves": "title:fashion gloves",
    "biker jacket": "title:biker jacket",
    "bomber jacket": "title:bomber jacket",
    "leather waistcoat": "title:leather waistcoat",
    "embroidered waistcoat": "title:embroidered waistcoat",
    "khussa": "title:khussa",
    "laptop bag": "title:laptop bag",
    "leather tote": "title:leather tote",
    "cotton tote": "title:cotton tote",
    "banana tote": "title:banana fibre tote",
    "clutch": "title:clutch",
    "swati cushion": "cluster:swat-embroidery&title:cushion cover",
    "wool shawl": "title:embroidered wool shawl",
    "quilt": "title:quilt",
    "mirror cushion": "title:mirror work cushion cover",
    "dress panel": "title:dress panel",
    "balochi cushion": "title:balochi embroidered cushion cover",
    "banana fabric": "title:banana fibre woven fabric",
    "table mat": "title:table mat",
}

GROUPS = ("plain", "misspelt", "compound", "plural", "long", "urdu")


@dataclass(frozen=True)
class Query:
    group: str
    text: str
    intent: str
    want: tuple[str, ...]
    attrs: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    related: tuple[str, ...] = ()


def _as_tuple(value):
    return (value,) if isinstance(value, str) else tuple(value)


def q(group, text, intent, want, attrs=(), near=(), related=()):
    return Query(
        group,
        text,
        intent,
        _as_tuple(want),
        _as_tuple(attrs),
        _as_tuple(near),
        _as_tuple(related),
    )


# The intents shared by a plain query and its misspelt, split/joined or plural forms.
CUSHION = {"intent": "any cushion cover", "want": "cat:cushion-covers"}
PASHMINA = {
    "intent": "a pashmina shawl (other shawls: wrong material)",
    "want": "title:shawl",
    "attrs": "mat:pashmina",
    "related": "cat:shawls-scarves",
}
LEATHER_GLOVES = {
    "intent": "leather gloves of any use",
    "want": ("cat:leather-gloves", "goalkeeper gloves"),
    "related": (),
}
BLUE_VASE = {
    "intent": "a blue pottery vase (a camel-skin vase: wrong material)",
    "want": "title:vase",
    "attrs": "cat:blue-pottery",
}
BEDSHEET = {"intent": "a bedsheet", "want": "bedsheet", "related": ("cat:bed-linen", "title:ajrak")}
FOOTBALL = {"intent": "a football (soccer ball)", "want": "football"}
SCISSORS = {"intent": "surgical scissors", "want": "scissors"}
CAMEL_LAMP = {"intent": "a camel-skin lamp", "want": "camel lamp", "near": "lampshade"}
KILIM = {
    "intent": "a flat-weave kilim (other rugs: wrong weave)",
    "want": "title:rug",
    "attrs": "title:kilim",
    "related": "cat:carpets-rugs",
}
CARPET = {"intent": "a wool carpet (rugs: close substitutes)", "want": "carpet", "near": "cat:carpets-rugs"}
COFFEE_TABLE = {"intent": "a coffee table", "want": "coffee table"}
ARMCHAIR = {"intent": "an armchair", "want": "armchair"}
MIRROR_FRAME = {"intent": "a mirror frame (not mirror-work embroidery)", "want": "mirror frame"}
BIKER = {
    "intent": "a leather biker jacket (a bomber: another jacket)",
    "want": "title:jacket",
    "attrs": "title:biker",
}
LAPTOP_BAG = {"intent": "a laptop bag", "want": "laptop bag", "related": "cat:bags"}
TOTE = {"intent": "a tote bag of any material", "want": "title:tote", "related": "cat:bags"}
HANDBAG = {
    "intent": "a handbag (tote or clutch; a laptop bag is a case)",
    "want": ("title:tote", "clutch"),
    "near": "laptop bag",
}
TABLECLOTH = {
    "intent": "a tablecloth: none in the catalog, table linen is the closest",
    "want": (),
    "near": "cat:table-linen",
    "related": "title:table",
}
BEANIE = {"intent": "a crochet beanie", "want": "beanie"}
GOALKEEPER = {"intent": "goalkeeper gloves", "want": "goalkeeper gloves", "related": "cat:leather-gloves"}
ARTERY = {
    "intent": "artery forceps (dental: other forceps)",
    "want": "artery forceps",
    "near": "dental forceps",
}
DENTAL = {
    "intent": "dental forceps (artery: other forceps)",
    "want": "dental forceps",
    "near": "artery forceps",
}
NEEDLE_HOLDER = {"intent": "a needle holder", "want": "needle holder"}
JEWELLERY_BOX = {"intent": "a jewellery box (not jewellery)", "want": "jewellery box"}
STOOL = {"intent": "a lacquered stool", "want": "stool"}
AQUAMARINE = {
    "intent": "aquamarine stones (a pendant with one: near)",
    "want": "aquamarine",
    "near": "cat:jewellery&title:aquamarine",
    "related": "cat:gemstones",
}
TOURMALINE = {"intent": "tourmaline stones", "want": "tourmaline", "related": "cat:gemstones"}
PERIDOT = {
    "intent": "peridot stones (a pendant with one: near)",
    "want": "peridot",
    "near": "cat:jewellery&title:peridot",
    "related": "cat:gemstones",
}
WAISTCOAT = {
    "intent": "an embroidered waistcoat (plain leather: wrong finish)",
    "want": "title:waistcoat",
    "attrs": "title:embroidered",
}
ANY_WAISTCOAT = {"intent": "any waistcoat", "want": "title:waistcoat"}
QUILT = {"intent": "a ralli (rilli) patchwork quilt", "want": "quilt", "related": "cat:bed-linen"}
KHUSSA = {"intent": "khussa / jutti shoes", "want": "khussa", "related": "cat:footwear"}
LAMPSHADE = {"intent": "a lampshade (a whole lamp: near)", "want": "lampshade", "near": "camel lamp"}
PILLOW_COVER = {"intent": "a cushion (pillow) cover", "want": "cat:cushion-covers"}
GEMSTONES = {"intent": "loose gemstones of any kind", "want": "cat:gemstones", "near": "pendant"}
PLANTER = {"intent": "a planter", "want": "planter"}
SHAWLS = {"intent": "any shawl or stole", "want": "cat:shawls-scarves"}
LEATHER_JACKET = {"intent": "a leather jacket of any style", "want": "title:jacket"}
RUGS = {"intent": "rugs and carpets", "want": "cat:carpets-rugs"}
VASES = {"intent": "vases of any material", "want": "title:vase"}
LAMPS = {"intent": "lamps (shades: near)", "want": "camel lamp", "near": "lampshade"}


def from_intent(group, text, intent):
    return q(group, text, **intent)


QUERIES = [
    # -- plain: the catalog's own words -------------------------------------------------------------------
    from_intent("plain", "cushion cover", CUSHION),
    from_intent("plain", "pashmina shawl", PASHMINA),
    from_intent("plain", "leather gloves", LEATHER_GLOVES),
    from_intent("plain", "blue pottery vase", BLUE_VASE),
    from_intent("plain", "ajrak bedsheet", BEDSHEET),
    from_intent("plain", "football", FOOTBALL),
    from_intent("plain", "surgical scissors", SCISSORS),
    from_intent("plain", "camel skin lamp", CAMEL_LAMP),
    from_intent("plain", "kilim rug", KILIM),
    from_intent("plain", "wool carpet", CARPET),
    from_intent("plain", "sheesham coffee table", COFFEE_TABLE),
    from_intent("plain", "carved armchair", ARMCHAIR),
    from_intent("plain", "mirror frame", MIRROR_FRAME),
    from_intent("plain", "leather biker jacket", BIKER),
    from_intent("plain", "leather laptop bag", LAPTOP_BAG),
    from_intent("plain", "tote bag", TOTE),
    q("plain", "clutch bag", "a clutch bag", "clutch", related="cat:bags"),
    q(
        "plain",
        "table runner",
        "a table runner (not a runner rug)",
        "table runner",
        related="cat:table-linen",
    ),
    from_intent("plain", "crochet beanie", BEANIE),
    q("plain", "baby blanket", "a baby blanket", "baby blanket", related=("patti throw", "quilt")),
    from_intent("plain", "artery forceps", ARTERY),
    from_intent("plain", "dental forceps", DENTAL),
    from_intent("plain", "needle holder", NEEDLE_HOLDER),
    q("plain", "cricket ball", "a cricket ball", "cricket ball"),
    q("plain", "batting pads", "cricket batting pads", "batting pads"),
    from_intent("plain", "goalkeeper gloves", GOALKEEPER),
    q("plain", "work gloves", "leather work gloves", "work gloves", related="cat:leather-gloves"),
    q("plain", "riding gloves", "riding gloves", "riding gloves", related="cat:leather-gloves"),
    q("plain", "motorbike gloves", "motorbike gloves", "motorbike gloves", related="cat:leather-gloves"),
    q("plain", "banana fibre fabric", "banana-fibre fabric", "banana fabric", related="title:banana"),
    q("plain", "table mat", "table mats", "table mat", related="cat:table-linen"),
    q("plain", "blue pottery tile", "a blue pottery tile", "tile"),
    q("plain", "dinner plate", "dinner plates", "plate"),
    from_intent("plain", "jewellery box", JEWELLERY_BOX),
    from_intent("plain", "lacquer stool", STOOL),
    q("plain", "fruit bowl", "a fruit bowl", "fruit bowl"),
    from_intent("plain", "aquamarine", AQUAMARINE),
    from_intent("plain", "tourmaline", TOURMALINE),
    q("plain", "silver pendant", "a silver pendant (not a pendant lampshade)", "pendant"),
    q("plain", "pakol cap", "a pakol cap", "pakol", related="cat:crochet-knitwear"),
    from_intent("plain", "embroidered waistcoat", WAISTCOAT),
    q("plain", "dress panel", "an embroidered dress panel", "dress panel"),
    from_intent("plain", "planter", PLANTER),
    q(
        "plain",
        "leather waistcoat",
        "a leather waistcoat (embroidered wool: wrong material)",
        "title:waistcoat",
        attrs="mat:leather",
        related="cat:leather-garments",
    ),
    q(
        "plain",
        "bomber jacket",
        "a bomber jacket (biker: another jacket)",
        "bomber jacket",
        near="biker jacket",
    ),
    from_intent("plain", "peridot", PERIDOT),
    # -- misspelt: one or two letters wrong, as typed on a phone ------------------------------------------
    from_intent("misspelt", "cushon cover", CUSHION),
    from_intent("misspelt", "pashmeena shawl", PASHMINA),
    from_intent("misspelt", "lether gloves", LEATHER_GLOVES),
    from_intent("misspelt", "blue pottry vase", BLUE_VASE),
    from_intent("misspelt", "ajrak bedshet", BEDSHEET),
    from_intent("misspelt", "footbal", FOOTBALL),
    from_intent("misspelt", "surgicle scissors", SCISSORS),
    from_intent("misspelt", "scisors", SCISSORS),
    from_intent("misspelt", "camel skin lampp", CAMEL_LAMP),
    from_intent("misspelt", "carpett", CARPET),
    from_intent("misspelt", "sheesam coffee table", COFFEE_TABLE),
    from_intent("misspelt", "armchiar", ARMCHAIR),
    from_intent("misspelt", "mirrer frame", MIRROR_FRAME),
    from_intent("misspelt", "leather bikr jacket", BIKER),
    from_intent("misspelt", "laptob bag", LAPTOP_BAG),
    from_intent("misspelt", "crochet beenie", BEANIE),
    from_intent("misspelt", "goalkeper gloves", GOALKEEPER),
    from_intent("misspelt", "artery forcepts", ARTERY),
    from_intent("misspelt", "dentel forceps", DENTAL),
    from_intent("misspelt", "needel holder", NEEDLE_HOLDER),
    from_intent("misspelt", "tourmalin", TOURMALINE),
    from_intent("misspelt", "aquamarin", AQUAMARINE),
    from_intent("misspelt", "jewelery box", JEWELLERY_BOX),
    from_intent("misspelt", "lacquer stoll", STOOL),
    from_intent("misspelt", "embroiderd waistcoat", WAISTCOAT),
    from_intent("misspelt", "emroidered cushion cover", CUSHION),
    q("misspelt", "banana fiber fabric", "banana-fibre fabric", "banana fabric", related="title:banana"),
    from_intent("misspelt", "khusa", KHUSSA),
    from_intent("misspelt", "pashmina shwal", PASHMINA),
    from_intent("misspelt", "planter with drainge hole", PLANTER),
    # -- compound: split and joined forms of one word -----------------------------------------------------
    from_intent("compound", "hand bag", HANDBAG),
    from_intent("compound", "handbag", HANDBAG),
    from_intent("compound", "table cloth", TABLECLOTH),
    from_intent("compound", "tablecloth", TABLECLOTH),
    from_intent("compound", "foot ball", FOOTBALL),
    from_intent("compound", "arm chair", ARMCHAIR),
    from_intent("compound", "bed sheet", BEDSHEET),
    from_intent("compound", "lamp shade", LAMPSHADE),
    from_intent("compound", "lampshade", LAMPSHADE),
    from_intent("compound", "goal keeper gloves", GOALKEEPER),
    from_intent("compound", "totebag", TOTE),
    from_intent("compound", "laptopbag", LAPTOP_BAG),
    from_intent("compound", "patch work quilt", QUILT),
    q(
        "compound",
        "mirrorwork cushion",
        "a mirror-work cushion cover",
        "cat:cushion-covers",
        attrs="title:mirror work",
    ),
    q(
        "compound",
        "blockprint cushion cover",
        "a block print cushion cover",
        "cat:cushion-covers",
        attrs="title:block print",
    ),
    from_intent("compound", "pillowcover", PILLOW_COVER),
    from_intent("compound", "handknotted carpet", CARPET),
    q("compound", "sheep skin gloves", "sheepskin gloves", "fashion gloves", related="cat:leather-gloves"),
    q("compound", "goat skin gloves", "goatskin gloves", "riding gloves", related="cat:leather-gloves"),
    from_intent("compound", "camelskin lamp", CAMEL_LAMP),
    from_intent("compound", "flatweave rug", KILIM),
    from_intent("compound", "waist coat", ANY_WAISTCOAT),
    from_intent("compound", "coffeetable", COFFEE_TABLE),
    q("compound", "cow hide work gloves", "cowhide work gloves", "work gloves", related="cat:leather-gloves"),
    from_intent("compound", "jewellerybox", JEWELLERY_BOX),
    # -- plural and possessive forms ----------------------------------------------------------------------
    from_intent("plural", "cushion covers", CUSHION),
    from_intent("plural", "handbags", HANDBAG),
    from_intent("plural", "rugs", RUGS),
    from_intent("plural", "pillow covers", PILLOW_COVER),
    from_intent("plural", "soccer balls", FOOTBALL),
    from_intent("plural", "footballs", FOOTBALL),
    from_intent("plural", "leather jackets", LEATHER_JACKET),
    from_intent("plural", "bedsheets", BEDSHEET),
    from_intent("plural", "tote bags", TOTE),
    from_intent("plural", "lamps", LAMPS),
    from_intent("plural", "vases", VASES),
    from_intent("plural", "shawls", SHAWLS),
    from_intent("plural", "waistcoats", ANY_WAISTCOAT),
    from_intent("plural", "gemstones", GEMSTONES),
    from_intent("plural", "quilts", QUILT),
    from_intent("plural", "kilims", KILIM),
    from_intent("plural", "carpets", CARPET),
    from_intent("plural", "armchairs", ARMCHAIR),
    from_intent("plural", "coffee tables", COFFEE_TABLE),
    from_intent("plural", "planters", PLANTER),
    from_intent("plural", "beanies", BEANIE),
    q("plural", "tiles", "tiles", "tile"),
    q(
        "plural",
        "children's riding gloves",
        "children's riding gloves (adults': wrong size)",
        "riding gloves",
        attrs="title:children",
        related="cat:leather-gloves",
    ),
    q(
        "plural",
        "womens biker jacket",
        "a women's biker jacket (men's: wrong cut)",
        "biker jacket",
        attrs="title:women",
        related="cat:leather-garments",
    ),
    q("plural", "men's khussa", "men's khussa (others: wrong cut)", "khussa", attrs="title:men"),
    q(
        "plural",
        "childrens waistcoat",
        "a children's waistcoat (adults': wrong size)",
        "title:waistcoat",
        attrs="title:children",
    ),
    q("plural", "ralli's quilts", "ralli quilts", "quilt", related="cat:bed-linen"),
    q("plural", "surgical scissor", "surgical scissors (the singular)", "scissors"),
    # -- long: a sentence with a detail that may not be indexed -------------------------------------------
    from_intent("long", "8 inch round blue pottery planter with drainage", PLANTER),
    from_intent("long", "hand knotted wool carpet with natural dyes for living room", CARPET),
    q(
        "long",
        "indigo ajrak block print cotton bedsheet king size",
        "an indigo ajrak bedsheet (other colours: wrong attribute)",
        "bedsheet",
        attrs="title:indigo",
        related="title:ajrak",
    ),
    q(
        "long",
        "stainless steel mayo surgical scissors autoclavable",
        "Mayo scissors (other patterns: wrong attribute)",
        "scissors",
        attrs="title:mayo",
    ),
    q(
        "long",
        "red lacquered wooden jewellery box from hala",
        "a red jewellery box",
        "jewellery box",
        attrs="title:red",
        related="cat:lacquerware",
    ),
    q(
        "long",
        "size 5 hand stitched match football with custom logo",
        "a size 5 football",
        "football",
        attrs="title:size 5",
    ),
    q(
        "long",
        "leather biker jacket for women",
        "a women's biker jacket",
        "biker jacket",
        attrs="title:women",
        related="cat:leather-garments",
    ),
    q(
        "long",
        "pink tourmaline cabochon for jewellery making",
        "pink tourmaline",
        "tourmaline",
        attrs="title:pink",
    ),
    q("long", "large brass inlaid wooden storage chest", "a large chest", "chest", attrs="title:large"),
    q(
        "long",
        "round hand carved sheesham coffee table with brass inlay",
        "a round coffee table",
        "coffee table",
        attrs="title:round",
    ),
    q(
        "long",
        "camel skin floor lamp hand painted",
        "a camel-skin floor lamp",
        "camel lamp",
        attrs="title:floor",
        near="lampshade",
    ),
    q(
        "long",
        "goat leather khussa with gold tilla embroidery",
        "a gold tilla khussa",
        "khussa",
        attrs="title:gold tilla",
    ),
    q(
        "long",
        "winter lined leather work gloves for construction",
        "winter-lined work gloves",
        "work gloves",
        attrs="title:winter lined",
        related="cat:leather-gloves",
    ),
    q(
        "long",
        "embroidered cushion cover with mirror work from sindh",
        "a mirror-work cushion cover",
        "title:cushion cover",
        attrs="title:mirror work",
    ),
    q(
        "long",
        "cotton tote bag with hand embroidered mirror panel",
        "the embroidered cotton tote",
        "cotton tote",
        near=("leather tote", "banana tote"),
        related="cat:bags",
    ),
    q(
        "long",
        "natural undyed crochet wool beanie for winter",
        "a natural undyed beanie",
        "beanie",
        attrs="title:natural undyed",
    ),
    q(
        "long",
        "oval faceted aquamarine gemstone with lab report",
        "an oval aquamarine",
        "aquamarine",
        attrs="title:oval",
        related="cat:gemstones",
    ),
    q("long", "blue pottery dinner plates set of six lead free", "dinner plates", "plate"),
    q(
        "long",
        "double size rilli patchwork quilt from tharparkar",
        "a double rilli quilt",
        "quilt",
        attrs="title:double",
    ),
    q(
        "long",
        "flat weave kilim rug light enough to ship folded",
        "a kilim",
        "kilim",
        related="cat:carpets-rugs",
    ),
    q(
        "long",
        "touchscreen sheepskin fashion gloves black",
        "black sheepskin gloves",
        "fashion gloves",
        attrs="title:black",
        related="cat:leather-gloves",
    ),
    q(
        "long",
        "hand block printed ajrak stole in madder",
        "a madder ajrak stole",
        "stole",
        attrs="title:madder",
        related="title:ajrak",
    ),
    q(
        "long",
        "dental extraction forceps upper molar english pattern",
        "upper molar forceps",
        "dental forceps",
        attrs="title:upper molar",
    ),
    q(
        "long",
        "motorbike gloves with knuckle armour for touring",
        "touring motorbike gloves",
        "motorbike gloves",
        attrs="title:touring",
        related="cat:leather-gloves",
    ),
    # -- urdu: Urdu and regional craft words, transliterated ----------------------------------------------
    q("urdu", "ajrak", "ajrak items", "title:ajrak", near="title:block print", related="cluster:hala-ajrak"),
    q("urdu", "ajrakh", "ajrak items", "title:ajrak", near="title:block print", related="cluster:hala-ajrak"),
    from_intent("urdu", "khussa", KHUSSA),
    from_intent("urdu", "jutti", KHUSSA),
    from_intent("urdu", "juti", KHUSSA),
    from_intent("urdu", "mojari", KHUSSA),
    from_intent("urdu", "khussa shoes", KHUSSA),
    from_intent("urdu", "jutti shoes", KHUSSA),
    from_intent("urdu", "ralli quilt", QUILT),
    from_intent("urdu", "ralli", QUILT),
    from_intent("urdu", "rilli", QUILT),
    q(
        "urdu",
        "razai",
        "a razai (stuffed quilt): none, a patchwork quilt is close",
        (),
        near="quilt",
        related=("baby blanket", "patti throw"),
    ),
    q(
        "urdu",
        "khes",
        "a khes (woven cotton throw): none, a woollen throw is close",
        (),
        near="patti throw",
        related=("quilt", "baby blanket", "bedsheet"),
    ),
    q(
        "urdu",
        "chunri dupatta",
        "a tie-dyed chunri: none, a printed stole is close",
        (),
        near="stole",
        related="cat:shawls-scarves",
    ),
    q("urdu", "dupatta", "a dupatta (stole; shawls near)", "stole", near="title:shawl"),
    q("urdu", "phulkari", "phulkari embroidery", "title:phulkari", related="cluster:swat-embroidery"),
    q(
        "urdu",
        "phulkari cushion cover",
        "a phulkari cushion cover (others: wrong work)",
        "title:cushion cover",
        attrs="title:phulkari",
    ),
    q("urdu", "kashi tile", "a kashi-pattern tile (others: wrong pattern)", "tile", attrs="title:kashi"),
    q(
        "urdu",
        "kashigari vase",
        "a kashigari (blue pottery) vase",
        "pottery vase",
        related="cat:blue-pottery",
    ),
    q("urdu", "naqashi lamp", "a naqashi-painted camel-skin lamp", "camel lamp", near="lampshade"),
    q("urdu", "pakol", "a pakol cap", "pakol", related="cat:crochet-knitwear"),
    q("urdu", "chitrali topi", "a Chitrali cap (pakol)", "pakol", related="cat:crochet-knitwear"),
    q(
        "urdu",
        "shisha embroidery",
        "mirror (shisha) work",
        ("title:mirror work", "cotton tote"),
        related="cluster:sindh-embroidery",
    ),
    q(
        "urdu",
        "pashk",
        "a Balochi dress panel (pashk)",
        "dress panel",
        related="cluster:balochistan-embroidery",
    ),
    q("urdu", "peerhi stool", "a peerhi (low stool)", "stool"),
    q("urdu", "jandi lacquer bowl", "a jandi lacquer bowl", "fruit bowl", related="cat:lacquerware"),
    q("urdu", "tilla khussa", "a tilla khussa", "khussa", attrs="title:gold tilla"),
    q("urdu", "sheesham", "sheesham wood products", "mat:sheesham"),
    q(
        "urdu",
        "sheesham furniture",
        "sheesham furniture",
        "cat:furniture&mat:sheesham",
        related="cat:furniture",
    ),
    q("urdu", "deodar", "deodar wood products", "mat:deodar"),
    q(
        "urdu",
        "balochi embroidery",
        "Balochi embroidery",
        "cluster:balochistan-embroidery",
    ),
    q("urdu", "swati embroidery", "Swati embroidery", "cluster:swat-embroidery"),
    q("urdu", "multani blue pottery", "Multani blue pottery", "cat:blue-pottery"),
    q("urdu", "hunza carpet", "a Hunza carpet", "carpet", attrs="title:hunza", near="runner rug"),
    q(
        "urdu",
        "dhurrie",
        "a dhurrie (flat-woven rug): a kilim is close",
        (),
        near="kilim",
        related="cat:carpets-rugs",
    ),
    q("urdu", "chitrali patti", "Chitrali patti cloth", "patti throw"),
    q(
        "urdu",
        "kashmiri shawl",
        "a pashmina (Kashmiri) shawl (other shawls: wrong material)",
        "title:shawl",
        attrs="mat:pashmina",
        related="cat:shawls-scarves",
    ),
]
