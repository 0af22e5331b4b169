"""Word lists that decide a place name's role in a sentence (folded keys, Arabic without proclitics)."""

from __future__ import annotations

from raqib.osint.extract.textnorm import fold


def _words(text: str) -> frozenset[str]:
    return frozenset(fold(w) for w in text.split())


# Gazetteer names that are also common words or people ("الخمس" five, "زلة" slip, "هون"
# downplayed, "البيضاء" white, "Hon." the honourable, "صلاح الدين"): matched only after a
# locative cue. "_" joins the words of a name.
AMBIGUOUS = _words(
    """هون زلة درج بدر الجديد الخضراء البركات الجميل القبة الماية الخمس البيضاء المرج الخلة الهضبة
    الواحات الجوف الحرشة ماسة مسة سوسة الزاوية الكرامة البردية الأبيار الأبرق السواني صلاح_الدين
    عمر_المختار
    الرجبان براك ودان
    hon hun badr berta agar derg susa gubba bayda beida marj zella sidr jalo jalu mameli razza kiar
    messa massah barce salah_al_din salah_ad_din salah_eddin salahuddin jawf al_jawf bardia brack"""
)
CUES = _words(
    """في من الى إلى نحو قرب بالقرب مدينة بلدة منطقة قرية ضواحي محيط داخل حول وسط مدينتي بلدية
    مناطق شمال جنوب شرق غرب شمالي جنوبي شرقي غربي اتجاه باتجاه عند أطراف مشارف حتى قاعدة
    in at near from to into towards toward around outside inside city town village area district
    region capital base outskirts south north east west southern northern eastern western of via"""
)
# "مؤتمر برلين", "مجلس نواب طبرق", "قوات مصراتة": the name labels something else.
INSTITUTION_BEFORE = _words(
    """مؤتمر مسار اتفاق اتفاقية مخرجات نواب برلمان مجلس حكومة إعلان قوات كتائب كتيبة مليشيات
    ميليشيات ثوار جامعة عمليات"""
)
# "Berlin Conference", "Tripoli-based", "Misrata forces".
INSTITUTION_AFTER = _words(
    """conference process agreement accord conclusions declaration roadmap communique government
    parliament based forces brigades brigade militias militia revolutionaries university operations"""
)
SEAT_WORDS = _words(
    "government حكومة parliament برلمان نواب authorities السلطات council مجلس based headquartered "
    "headquarters مقر مقرها مقره")
FORCES = _words("قوات forces troops units fighters militias مليشيات ميليشيات مقاتلين مرتزقة mercenaries")
SOURCE_WORDS = _words("مصدر مصادر source sources official officials مسؤول مراسل correspondent diplomat دبلوماسي")
TRANSIT = _words("عبر via")
DESTINATION = _words("متوجهة متجهة باتجاه اتجاه heading bound destined route")
LOCATIVE_FILLERS = _words("of the مدينة بلدة منطقة قرية city town village area من")
UNITS = _words("كم كلم كيلومتر كيلومترا كيلومترات km kms kilometres kilometers kilometre kilometer")
NISBA_OK = _words("الليبية")

_N, _S, _E, _W = (1.0, 0.0, "north"), (-1.0, 0.0, "south"), (0.0, 1.0, "east"), (0.0, -1.0, "west")
DIRECTIONS: dict[str, tuple[float, float, str]] = {
    **{w: _N for w in _words("شمال شمالي شمالا الشمال north")},
    **{w: _S for w in _words("جنوب جنوبي جنوبا الجنوب south")},
    **{w: _E for w in _words("شرق شرقي شرقا الشرق east")},
    **{w: _W for w in _words("غرب غربي غربا الغرب west")},
    "northeast": (0.7071, 0.7071, "north-east"), "northwest": (0.7071, -0.7071, "north-west"),
    "southeast": (-0.7071, 0.7071, "south-east"), "southwest": (-0.7071, -0.7071, "south-west"),
}

_CUE_OIL = "النفطي النفطية نفط النفط ميناء موانئ مواني مرفأ oil terminal terminals port crude exports الهلال crescent"
KIND_CUES: dict[str, frozenset[str]] = {
    "oil_terminal": _words(_CUE_OIL),
    "port": _words("ميناء مرفأ موانئ port harbour harbor seaport"),
    "airbase": _words("قاعدة مطار الجوية airbase base air airport"),
    "airport": _words("مطار airport flights الرحلات"),
    "district": _words("حي منطقة district neighbourhood neighborhood area طرابلس tripoli العاصمة capital"),
}
