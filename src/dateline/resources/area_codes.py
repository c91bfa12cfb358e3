"""Which state or province a North American telephone area code serves: a local page's phone numbers say where it is.

A notice that ends "call the Athens Police Department at (903) 675-5454" is in north-east Texas whatever else
it names; the toponym ranker reads the regions of an article's phone numbers as one more piece of context.
Keys are GeoNames admin-1 codes (``US.TX``, ``CA.08`` for Ontario); toll-free and non-geographic codes (800,
888, 900 ...) are absent, as are codes shared by several regions (867 of Canada's territories, 902 and 782 of Nova
Scotia and Prince Edward Island). Overlays opened up to 2022 are listed; later ones are not yet.
"""

from __future__ import annotations

import re

_REGIONS = {
    "US.AL": "205 251 256 334 659 938",
    "US.AK": "907",
    "US.AZ": "480 520 602 623 928",
    "US.AR": "327 479 501 870",
    "US.CA": "209 213 279 310 323 341 350 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669 707 714 "
    "747 760 805 818 820 831 840 858 909 916 925 949 951",
    "US.CO": "303 719 720 970",
    "US.CT": "203 475 860 959",
    "US.DE": "302",
    "US.DC": "202 771",
    "US.FL": "239 305 321 352 386 407 448 561 656 689 727 754 772 786 813 850 863 904 941 954",
    "US.GA": "229 404 470 478 678 706 762 770 912",
    "US.HI": "808",
    "US.ID": "208 986",
    "US.IL": "217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 872",
    "US.IN": "219 260 317 463 574 765 812 930",
    "US.IA": "319 515 563 641 712",
    "US.KS": "316 620 785 913",
    "US.KY": "270 364 502 606 859",
    "US.LA": "225 318 337 504 985",
    "US.ME": "207",
    "US.MD": "227 240 301 410 443 667",
    "US.MA": "339 351 413 508 617 774 781 857 978",
    "US.MI": "231 248 269 313 517 586 616 679 734 810 906 947 989",
    "US.MN": "218 320 507 612 651 763 952",
    "US.MS": "228 601 662 769",
    "US.MO": "235 314 417 557 573 636 660 816",
    "US.MT": "406",
    "US.NE": "308 402 531",
    "US.NV": "702 725 775",
    "US.NH": "603",
    "US.NJ": "201 551 609 640 732 848 856 862 908 973",
    "US.NM": "505 575",
    "US.NY": "212 315 332 347 516 518 585 607 631 646 680 716 718 838 845 914 917 929 934",
    "US.NC": "252 336 472 704 743 828 910 919 980 984",
    "US.ND": "701",
    "US.OH": "216 220 234 330 380 419 440 513 567 614 740 937",
    "US.OK": "405 539 572 580 918",
    "US.OR": "458 503 541 971",
    "US.PA": "215 223 267 272 412 445 484 570 610 717 724 814 878",
    "US.RI": "401",
    "US.SC": "803 839 843 854 864",
    "US.SD": "605",
    "US.TN": "423 615 629 731 865 901 931",
    "US.TX": "210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 915 936 940 "
    "945 956 972 979",
    "US.UT": "385 435 801",
    "US.VT": "802",
    "US.VA": "276 434 540 571 703 757 804 826 948",
    "US.WA": "206 253 360 425 509 564",
    "US.WV": "304 681",
    "US.WI": "262 274 353 414 534 608 715 920",
    "US.WY": "307",
    "CA.01": "368 403 587 780 825",  # Alberta
    "CA.02": "236 250 604 672 778",  # British Columbia
    "CA.03": "204 431",  # Manitoba
    "CA.04": "428 506",  # New Brunswick
    "CA.05": "709 879",  # Newfoundland and Labrador
    "CA.08": "226 249 289 343 365 416 437 519 548 613 647 683 705 742 807 905",  # Ontario
    "CA.10": "263 367 418 438 450 514 579 581 819 873",  # Quebec
    "CA.11": "306 639",  # Saskatchewan
}
AREA_CODES = {code: region for region, codes in _REGIONS.items() for code in codes.split()}
# "(903) 675-5454", "903-675-8477", "903.675.8477": an area code, an exchange (never starting 0 or 1), four digits.
PHONE_NUMBER = re.compile(r"(?<![\d-])\(?(?P<area>[2-9]\d\d)\)?[-.\s]?[2-9]\d\d[-.]\d{4}(?![\d-])")


def phone_regions(text: str) -> set[str]:
    """The admin-1 regions the text's phone numbers are in, by their area codes."""
    return {region for match in PHONE_NUMBER.finditer(text) if (region := AREA_CODES.get(match["area"]))}
