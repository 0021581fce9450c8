"""Reference tables for the demo marketplace, taken from the product brief (shared/DOMAIN.md).

Plain data only: the builder (`cms.demo.builder`) turns these into rows. Keys are slugs.
"""

# (slug, name, parent slug or None, HS heading)
CATEGORIES = [
    ("home-textiles", "Home textiles", None, "6304"),
    ("bed-linen", "Bedsheets and bed linen", "home-textiles", "6302"),
    ("cushion-covers", "Cushion covers", "home-textiles", "6304"),
    ("table-linen", "Table linen", "home-textiles", "6302"),
    ("shawls-scarves", "Shawls and scarves", None, "6214"),
    ("carpets-rugs", "Carpets and rugs", None, "5701"),
    ("hand-knotted-carpets", "Hand-knotted carpets", "carpets-rugs", "5701"),
    ("kilims", "Kilims and flat-weave rugs", "carpets-rugs", "5702"),
    ("ceramics", "Ceramics and pottery", None, "6913"),
    ("blue-pottery", "Blue pottery", "ceramics", "6913"),
    ("lighting", "Lamps and lighting", None, "9405"),
    ("furniture", "Furniture and woodwork", None, "9403"),
    ("carved-furniture", "Carved wooden furniture", "furniture", "9403"),
    ("lacquerware", "Lacquerware", "furniture", "4420"),
    ("leather", "Leather goods", None, "4203"),
    ("leather-garments", "Leather garments", "leather", "4203"),
    ("leather-gloves", "Leather gloves", "leather", "4203"),
    ("bags", "Handbags and cases", "leather", "4202"),
    ("footwear", "Footwear", "leather", "6403"),
    ("surgical-instruments", "Surgical and dental instruments", None, "9018"),
    ("sports-goods", "Sports goods", None, "9506"),
    ("gemstones-jewellery", "Gemstones and jewellery", None, "7103"),
    ("gemstones", "Cut gemstones", "gemstones-jewellery", "7103"),
    ("jewellery", "Silver jewellery", "gemstones-jewellery", "7113"),
    ("apparel", "Apparel and embroidery", None, "6204"),
    ("embroidered-apparel", "Embroidered apparel", "apparel", "6204"),
    ("crochet-knitwear", "Crochet and knitwear", "apparel", "6117"),
    ("natural-fibres", "Natural-fibre textiles", None, "5311"),
]

# (slug, name, sector, region, city, summary)
CLUSTERS = [
    (
        "chitral-crochet-woollens",
        "Chitral crochet and woollens",
        "Crochet and woollen textiles",
        "kp",
        "Chitral",
        "Women in the valleys of Chitral crochet caps, shawls and throws "
        "from local sheep wool through the long winters.",
    ),
    (
        "gilgit-baltistan-gemstones",
        "Gilgit-Baltistan gemstones",
        "Gemstones",
        "gb",
        "Gilgit",
        "Aquamarine, tourmaline, peridot and ruby from the Karakoram, cut and polished in Gilgit and Hunza.",
    ),
    (
        "gilgit-baltistan-carpets",
        "Gilgit-Baltistan hand-knotted carpets",
        "Carpets",
        "gb",
        "Hunza",
        "Hand-knotted wool carpets and kilims woven in Hunza and Nagar homes with natural dyes.",
    ),
    (
        "hala-ajrak",
        "Hala ajrak block printing",
        "Block-printed textiles",
        "sindh",
        "Hala",
        "Ajrak: cotton printed by hand with carved wooden blocks and natural "
        "indigo and madder, a Sindhi craft for centuries.",
    ),
    (
        "hala-lacquer",
        "Hala lacquer work",
        "Lacquered woodwork",
        "sindh",
        "Hala",
        "Turned wood coated in bands of coloured lacquer: the kashi and jandi work of Hala's craftsmen.",
    ),
    (
        "multan-blue-pottery",
        "Multan blue pottery",
        "Ceramics",
        "punjab",
        "Multan",
        "Kashigari: white clay hand-painted in cobalt and turquoise, the colours of Multan's shrines.",
    ),
    (
        "multan-camel-skin-lamps",
        "Multan camel-skin lamps",
        "Lighting",
        "punjab",
        "Multan",
        "Translucent camel-skin lamps painted with naqashi gold work, glowing amber when lit.",
    ),
    (
        "chiniot-furniture",
        "Chiniot carved furniture",
        "Furniture",
        "punjab",
        "Chiniot",
        "Sheesham and deodar furniture carved and inlaid by Chiniot's master carpenters.",
    ),
    (
        "sialkot-surgical",
        "Sialkot surgical instruments",
        "Surgical instruments",
        "punjab",
        "Sialkot",
        "Stainless steel surgical, dental and beauty instruments "
        "exported from Sialkot to hospitals worldwide.",
    ),
    (
        "sialkot-sports",
        "Sialkot sports goods",
        "Sports goods",
        "punjab",
        "Sialkot",
        "Hand-stitched footballs, cricket gear and goalkeeper gloves "
        "from the city that stitches the world's balls.",
    ),
    (
        "sialkot-leather-gloves",
        "Sialkot leather gloves",
        "Leather gloves",
        "punjab",
        "Sialkot",
        "Work, riding, motorbike and fashion gloves cut and sewn from goat, sheep and cow leather.",
    ),
    (
        "lahore-leather-garments",
        "Lahore leather garments",
        "Leather garments",
        "punjab",
        "Lahore",
        "Leather jackets, waistcoats and bags tailored in Lahore workshops.",
    ),
    (
        "karachi-leather-garments",
        "Karachi leather garments",
        "Leather garments",
        "sindh",
        "Karachi",
        "Export tanneries and garment units around Korangi make leather jackets and accessories.",
    ),
    (
        "swat-embroidery",
        "Swat embroidery",
        "Embroidery",
        "kp",
        "Mingora",
        "Swati embroidery: geometric satin-stitch in bright silks on black and white cotton.",
    ),
    (
        "sindh-embroidery",
        "Rural Sindh embroidery",
        "Embroidery",
        "sindh",
        "Mithi",
        "Rilli quilts, mirror work and Tharparkar embroidery stitched by women in rural Sindh.",
    ),
    (
        "balochistan-embroidery",
        "Balochistan embroidery",
        "Embroidery",
        "balochistan",
        "Quetta",
        "Balochi needlework: dense geometric embroidery on dresses, cushions and bags.",
    ),
    (
        "sindh-banana-fibre",
        "Sindh banana-fibre textiles",
        "Natural-fibre textiles",
        "sindh",
        "Tando Jam",
        "A new venture turning banana-plant waste from Sindh's orchards into yarn, fabric and bags.",
    ),
]

MATERIALS = [
    "Cotton",
    "Wool",
    "Pashmina",
    "Silk",
    "Camel skin",
    "Goat leather",
    "Sheep leather",
    "Cow leather",
    "Stainless steel",
    "Sheesham wood",
    "Deodar wood",
    "Clay",
    "Brass",
    "Sterling silver",
    "Banana fibre",
    "Natural dyes",
    "Polyurethane",
    "Latex",
    "Mirror glass",
    "Lacquer",
]

CERTIFICATION_TYPES = ["ISO 13485", "CE", "OEKO-TEX", "GOTS", "Fair Trade", "Halal", "ISO 9001"]

# (name, rank, description)
VERIFICATION_LEVELS = [
    ("Self-declared", 0, "The supplier filled in its profile; nothing checked yet."),
    ("Documents checked", 1, "Registration and tax documents checked by a curator."),
    ("Site visited", 2, "A SMEDA or cluster curator visited the workshop."),
]

# Which certification types fit which cluster (the loader picks one or two; some are expired).
CLUSTER_CERTIFICATIONS = {
    "sialkot-surgical": ["ISO 13485", "CE", "ISO 9001"],
    "sialkot-sports": ["ISO 9001", "Fair Trade"],
    "sialkot-leather-gloves": ["CE", "ISO 9001"],
    "lahore-leather-garments": ["ISO 9001", "Halal"],
    "karachi-leather-garments": ["ISO 9001", "Halal"],
    "hala-ajrak": ["OEKO-TEX", "GOTS"],
    "sindh-banana-fibre": ["OEKO-TEX", "GOTS"],
    "chitral-crochet-woollens": ["Fair Trade"],
    "swat-embroidery": ["Fair Trade", "OEKO-TEX"],
    "sindh-embroidery": ["Fair Trade"],
    "balochistan-embroidery": ["Fair Trade"],
    "gilgit-baltistan-carpets": ["Fair Trade", "GOTS"],
}

CERTIFICATION_ISSUERS = {
    "ISO 13485": "TÜV SÜD",
    "CE": "Notified Body 0123",
    "OEKO-TEX": "Hohenstein",
    "GOTS": "Control Union",
    "Fair Trade": "WFTO",
    "Halal": "Pakistan Halal Authority",
    "ISO 9001": "SGS Pakistan",
}

# Supplier names per cluster: (name, tagline, women-led, size, currency, year established)
SUPPLIERS = {
    "chitral-crochet-woollens": [
        (
            "Chitral Women's Crochet Circle",
            "Eight women, one winter's work at a time",
            True,
            "micro",
            "USD",
            2016,
        ),
        ("Garam Chashma Woollens", "Hand-spun Chitrali patti and caps", False, "micro", "PKR", 2009),
        ("Booni Knitting Collective", "Crochet blankets from the upper valley", True, "micro", "EUR", 2019),
    ],
    "gilgit-baltistan-gemstones": [
        ("Karakoram Gem Cutters", "Aquamarine and tourmaline, cut in Gilgit", False, "small", "USD", 2004),
        ("Hunza Stone House", "Peridot and ruby from the mountain seams", False, "micro", "AED", 2013),
    ],
    "gilgit-baltistan-carpets": [
        ("Nagar Valley Weavers", "Hand-knotted rugs in natural dyes", True, "small", "USD", 2008),
        ("Hunza Heritage Rugs", "Carpets knotted by village families", False, "small", "EUR", 2001),
        ("Altit Kilim Workshop", "Flat-weave kilims from Altit", True, "micro", "GBP", 2017),
    ],
    "hala-ajrak": [
        ("Hala Ajrak House", "Block printing in indigo and madder since 1962", False, "small", "USD", 1962),
        ("Bhit Shah Block Printers", "Ajrak bedsheets and stoles", False, "micro", "PKR", 1998),
        ("Matiari Women Printers", "Ajrak for the home, printed by women", True, "micro", "GBP", 2015),
    ],
    "hala-lacquer": [
        ("Hala Kashi Lacquer Works", "Turned and lacquered wood", False, "micro", "PKR", 1985),
        ("Jandi Colours", "Lacquered boxes, bowls and stools", True, "micro", "USD", 2018),
    ],
    "multan-blue-pottery": [
        ("Kashigar Studio Multan", "Hand-painted cobalt pottery", False, "small", "USD", 1990),
        ("Multan Blue Clay Co.", "Planters, vases and tiles", False, "micro", "EUR", 2011),
        ("Naqsh Women Potters", "Blue pottery painted by women artisans", True, "micro", "GBP", 2020),
    ],
    "multan-camel-skin-lamps": [
        ("Naqashi Lamp House", "Camel-skin lamps with gold naqashi", False, "micro", "USD", 1994),
        ("Multan Lamp Artisans", "Lamps, vases and boxes in camel skin", True, "micro", "AED", 2014),
    ],
    "chiniot-furniture": [
        ("Chiniot Carvers Guild", "Sheesham furniture carved by hand", False, "medium", "USD", 1979),
        ("Chenab Woodcraft", "Inlaid tables and chests", False, "small", "GBP", 2003),
        ("Rabwah Road Furniture", "Carved chairs and mirror frames", False, "small", "EUR", 2010),
    ],
    "sialkot-surgical": [
        ("Sialkot Precision Surgical", "ISO 13485 surgical instruments", False, "medium", "USD", 1988),
        ("Daska Dental Instruments", "Dental and orthodontic instruments", False, "small", "EUR", 2002),
        ("Medix Steel Works", "Scissors, forceps and retractors", False, "small", "USD", 1996),
    ],
    "sialkot-sports": [
        ("Sialkot Match Balls", "Hand-stitched and thermo-bonded footballs", False, "medium", "USD", 1975),
        ("Keeper Pro Sialkot", "Goalkeeper gloves for clubs and brands", False, "small", "EUR", 2007),
        ("Willow & Stitch", "Cricket balls, pads and bats", False, "small", "GBP", 1999),
    ],
    "sialkot-leather-gloves": [
        ("Sialkot Glove Makers", "Work, riding and fashion gloves", False, "medium", "USD", 1983),
        ("Ugoki Women Stitchers", "Fashion gloves sewn by women at home", True, "micro", "EUR", 2016),
    ],
    "lahore-leather-garments": [
        ("Lahore Leather Atelier", "Jackets tailored to your pattern", False, "small", "USD", 2001),
        ("Anarkali Leather Works", "Waistcoats, bags and belts", False, "micro", "GBP", 2012),
    ],
    "karachi-leather-garments": [
        ("Korangi Leather Exports", "Biker and bomber jackets", False, "medium", "USD", 1992),
        ("Clifton Leather Studio", "Leather bags and small goods", True, "small", "AED", 2015),
    ],
    "swat-embroidery": [
        ("Swat Valley Embroidery Centre", "Swati satin-stitch by 40 women", True, "small", "USD", 2006),
        ("Mingora Stitch Sisters", "Embroidered shawls and cushions", True, "micro", "EUR", 2018),
        ("Kalam Needlework", "Embroidered waistcoats and caps", False, "micro", "PKR", 2010),
    ],
    "sindh-embroidery": [
        ("Thar Rilli Women", "Rilli quilts and cushion covers", True, "micro", "USD", 2012),
        ("Mithi Mirror Work", "Mirror-work embroidery from Tharparkar", True, "micro", "GBP", 2017),
        ("Umerkot Craft Cooperative", "Embroidered bags and stoles", True, "small", "EUR", 2009),
    ],
    "balochistan-embroidery": [
        ("Quetta Balochi Needlework", "Balochi dresses and panels", True, "micro", "USD", 2011),
        ("Makran Stitch Collective", "Embroidered bags and cushions", True, "micro", "AED", 2019),
    ],
    "sindh-banana-fibre": [
        ("Banana Fibre Sindh", "Yarn and fabric from orchard waste", False, "small", "USD", 2021),
        ("Tando Jam Green Weaves", "Banana-fibre bags and mats woven by women", True, "micro", "EUR", 2022),
    ],
}

# The demo artisan login owns this supplier (women-led and micro, as the brief asks).
ARTISAN_SUPPLIER = "Chitral Women's Crochet Circle"

# How many people work for the suppliers whose tagline or story says so; the others get a number in their
# size's range (catalog.reference.SUPPLIER_SIZE_PEOPLE), so a storefront never contradicts its own facts.
PEOPLE = {"Chitral Women's Crochet Circle": 8, "Swat Valley Embroidery Centre": 40}

CURRENCY_PER_USD = {"USD": "1", "EUR": "0.92", "GBP": "0.79", "AED": "3.67", "PKR": "280"}
