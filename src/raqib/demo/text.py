"""The bilingual sentences of the synthetic mission: one English and one Arabic template per
incident subtype, filled with the place's two names, distances, parties and numbers.

The data is mission record text (as a monitor would write it in either language), not interface
text, so it is not marked for translation.
"""

from __future__ import annotations

# Compass points, clockwise from north.
DIRECTIONS: tuple[tuple[str, str], ...] = (
    ("north", "شمال"), ("north-east", "شمال شرق"), ("east", "شرق"), ("south-east", "جنوب شرق"),
    ("south", "جنوب"), ("south-west", "جنوب غرب"), ("west", "غرب"), ("north-west", "شمال غرب"),
)

# subtype -> (English, Arabic). Fields: where_en/where_ar ("about 12 km south of Sirte"),
# place_en/place_ar, actor_*/target_* (parties), n, minutes, hours, area, weapon_*, team_*,
# reason_*, topic_*, dest_*, origin_* (the supplier).
INCIDENT: dict[str, tuple[str, str]] = {
    # ceasefire violations
    "small_arms_fire": (
        "{n} bursts of small-arms and heavy machine-gun fire were heard {where_en}, near positions of {target_en}.",
        "سُمعت {n} رشقات من نيران الأسلحة الخفيفة والرشاشات الثقيلة {where_ar}، قرب مواقع {target_ar}.",
    ),
    "shelling": (
        "{n} impacts of {weapon_en} fire were recorded {where_en}; the fire is assessed to have come from "
        "positions of {actor_en}.",
        "رُصد سقوط {n} قذائف ({weapon_ar}) {where_ar}، ويُرجَّح أنها أُطلقت من مواقع {actor_ar}.",
    ),
    "armed_clash": (
        "An exchange of fire between {actor_en} and {target_en} lasted about {minutes} minutes {where_en}.",
        "اندلع تبادل لإطلاق النار بين {actor_ar} و{target_ar} استمر نحو {minutes} دقيقة {where_ar}.",
    ),
    "air_or_drone_strike": (
        "A drone strike hit a military vehicle {where_en}; {target_en} blamed {actor_en}.",
        "استهدفت غارة بطائرة مسيّرة آلية عسكرية {where_ar}، وحمّلت {target_ar} المسؤولية لـ{actor_ar}.",
    ),
    "uav_overflight": (
        "A military UAV ({weapon_en}) was seen flying {where_en} for about {minutes} minutes.",
        "شوهدت طائرة مسيّرة عسكرية ({weapon_ar}) تحلّق {where_ar} لمدة {minutes} دقيقة تقريبًا.",
    ),
    "forward_deployment": (
        "A column of about {n} vehicles of {actor_en}, armoured vehicles among them, moved to new positions {where_en}.",
        "تقدّم رتل من نحو {n} آليات تابعة لـ{actor_ar}، بينها مدرعات، إلى مواقع جديدة {where_ar}.",
    ),
    "heavy_weapons": (
        "{n} {weapon_en} of {actor_en} remain deployed {where_en}, although heavy weapons were to be withdrawn.",
        "لا تزال {n} من {weapon_ar} التابعة لـ{actor_ar} منتشرة {where_ar} رغم الاتفاق على سحب الأسلحة الثقيلة.",
    ),
    "fortification": (
        "{actor_en} dug new earth berms and trenches {where_en}.",
        "أقامت {actor_ar} سواتر ترابية وخنادق جديدة {where_ar}.",
    ),
    "remote_explosive": (
        "An improvised explosive device went off next to a patrol of {target_en} {where_en}.",
        "انفجرت عبوة ناسفة بجوار دورية تابعة لـ{target_ar} {where_ar}.",
    ),
    "grenade": (
        "A hand grenade was thrown at a checkpoint of {target_en} {where_en}.",
        "أُلقيت قنبلة يدوية على نقطة تفتيش تابعة لـ{target_ar} {where_ar}.",
    ),
    "attack_on_civilians": (
        "A civilian car was fired upon {where_en}; residents blame {actor_en}.",
        "تعرّضت سيارة مدنية لإطلاق نار {where_ar}، ويتهم السكان {actor_ar}.",
    ),
    "abduction": (
        "A civilian was reportedly taken away at a checkpoint {where_en}; his family accuses {actor_en}.",
        "أفيد باختطاف مدني عند نقطة تفتيش {where_ar}، وتتهم عائلته {actor_ar}.",
    ),
    # foreign forces
    "presence": (
        "About {n} foreign personnel assessed to belong to {actor_en} were seen {where_en}.",
        "شوهد نحو {n} من العناصر الأجنبية يُرجَّح انتماؤهم إلى {actor_ar} {where_ar}.",
    ),
    "arrival": (
        "A cargo aircraft landed {where_en}; about {n} armed foreign personnel assessed to belong to {actor_en} "
        "disembarked.",
        "هبطت طائرة شحن {where_ar}، ونزل منها نحو {n} من العناصر الأجنبية المسلحة يُرجَّح انتماؤهم إلى {actor_ar}.",
    ),
    "departure": (
        "About {n} fighters assessed to belong to {actor_en} boarded an aircraft {where_en}; their destination is "
        "not known.",
        "استقل نحو {n} من المقاتلين يُرجَّح انتماؤهم إلى {actor_ar} طائرة {where_ar}، ولم تُعرف وجهتهم.",
    ),
    "relocation": (
        "A convoy of {n} vehicles carrying personnel assessed to belong to {actor_en} was seen {where_en}, heading "
        "for {dest_en}.",
        "شوهدت قافلة من {n} مركبات تقل عناصر يُرجَّح انتماؤهم إلى {actor_ar} {where_ar}، متجهةً نحو {dest_ar}.",
    ),
    "base_activity": (
        "New shelters and a fortified perimeter used by {actor_en} were seen under construction {where_en}.",
        "رُصد بناء ملاجئ جديدة وسياج محصّن يستخدمه {actor_ar} {where_ar}.",
    ),
    "training": (
        "Foreign instructors assessed to belong to {actor_en} were seen training about {n} Libyan personnel "
        "{where_en}.",
        "شوهد مدرّبون أجانب يُرجَّح انتماؤهم إلى {actor_ar} يدرّبون نحو {n} من العناصر الليبية {where_ar}.",
    ),
    "assembly": (
        "About {n} foreign fighters assessed to belong to {actor_en} were gathered {where_en}, awaiting departure "
        "as the JMC decided.",
        "تجمّع نحو {n} من المقاتلين الأجانب يُرجَّح انتماؤهم إلى {actor_ar} {where_ar} في انتظار المغادرة وفق قرار "
        "اللجنة العسكرية المشتركة.",
    ),
    # explosive hazards
    "uxo_sighting": (
        "A patrol found {n} items of unexploded ordnance ({weapon_en}) by the road {where_en}; the area was marked "
        "as a suspected hazardous area.",
        "عثرت دورية على {n} من الذخائر غير المنفجرة ({weapon_ar}) بجانب الطريق {where_ar}، وجرى تعليم المنطقة "
        "كمنطقة يُشتبه في خطورتها.",
    ),
    "mine_sighting": (
        "Anti-personnel and anti-tank mines were seen {where_en}, {n} of them on the surface.",
        "شوهدت ألغام مضادة للأفراد وأخرى مضادة للدبابات {where_ar}، {n} منها ظاهرة على السطح.",
    ),
    "ied_sighting": (
        "A suspected booby-trap was reported in an abandoned building {where_en}.",
        "أُبلغ عن شَرَك خداعي مشتبه به في مبنى مهجور {where_ar}.",
    ),
    "eo_accident": (
        "A civilian vehicle struck an explosive device {where_en}.",
        "اصطدمت مركبة مدنية بجسم متفجر {where_ar}.",
    ),
    "new_laying": (
        "Residents report fresh mine laying {where_en} by {actor_en}.",
        "أفاد السكان بزرع ألغام جديدة {where_ar} من قِبل {actor_ar}.",
    ),
    "clearance": (
        "Engineers of {actor_en} cleared about {area} square metres {where_en} and destroyed {n} items.",
        "طهّرت الفرق الهندسية التابعة لـ{actor_ar} نحو {area} متر مربع {where_ar} ودمّرت {n} من الأجسام المتفجرة.",
    ),
    # restrictions on the monitors
    "denial": (
        "A patrol of {team_en} was refused passage at a checkpoint of {actor_en} {where_en}; the reason given: "
        "{reason_en}.",
        "مُنعت دورية {team_ar} من المرور عند نقطة تفتيش تابعة لـ{actor_ar} {where_ar}؛ والسبب المقدَّم: {reason_ar}.",
    ),
    "conditional_access": (
        "{team_en} was let through {where_en} only under escort of {actor_en}.",
        "لم يُسمح لـ{team_ar} بالمرور {where_ar} إلا بمرافقة {actor_ar}.",
    ),
    "delay": (
        "{team_en} was held for {minutes} minutes at a checkpoint of {actor_en} {where_en}; the reason given: "
        "{reason_en}.",
        "احتُجز {team_ar} لمدة {minutes} دقيقة عند نقطة تفتيش تابعة لـ{actor_ar} {where_ar}؛ والسبب المقدَّم: "
        "{reason_ar}.",
    ),
    "uav_interference": (
        "The mission's UAV lost its control link {where_en}; jamming is suspected.",
        "فقدت الطائرة المسيّرة التابعة للبعثة اتصالها {where_ar}؛ ويُشتبه في التشويش على الإشارة.",
    ),
    "threat_or_violence": (
        "Armed men belonging to {actor_en} threatened a patrol of {team_en} {where_en} and ordered it to turn back.",
        "هدّد مسلحون تابعون لـ{actor_ar} دورية {team_ar} {where_ar} وأمروها بالعودة.",
    ),
    # political and security developments
    "agreement": (
        "The JMC met {where_en} and agreed on {topic_en}.",
        "اجتمعت اللجنة العسكرية المشتركة {where_ar} واتفقت على {topic_ar}.",
    ),
    "detainee_exchange": (
        "{n} detainees were exchanged between the two sides {where_en} under the supervision of the JMC.",
        "جرى تبادل {n} من المحتجزين بين الطرفين {where_ar} تحت إشراف اللجنة العسكرية المشتركة.",
    ),
    "hate_speech": (
        "A television channel aligned with {actor_en}, broadcasting from {place_en}, called for fighting to resume.",
        "دعت قناة تلفزيونية موالية لـ{actor_ar} تبث من {place_ar} إلى استئناف القتال.",
    ),
    "route_reopening": (
        "The road {where_en} was opened to civilian traffic for {hours} hours under escort.",
        "فُتح الطريق {where_ar} أمام حركة المدنيين لمدة {hours} ساعات بمرافقة أمنية.",
    ),
    "demonstration": (
        "About {n} residents demonstrated {where_en}, calling for the coastal road to be reopened.",
        "تظاهر نحو {n} من السكان {where_ar} مطالبين بإعادة فتح الطريق الساحلي.",
    ),
    "arrest": (
        "A man was arrested {where_en} by {actor_en}, reportedly because of his town of origin.",
        "اعتُقل رجل {where_ar} على يد {actor_ar}، ويُقال إن ذلك بسبب مدينته الأصلية.",
    ),
    # arms embargo
    "air_shipment": (
        "A cargo aircraft from {origin_en} landed {where_en}; its cargo was unloaded under guard.",
        "هبطت طائرة شحن قادمة من {origin_ar} {where_ar}، وأُفرغت حمولتها تحت الحراسة.",
    ),
    "sea_shipment": (
        "A cargo ship flying the flag of {origin_en} unloaded military vehicles {where_en}.",
        "أفرغت سفينة شحن ترفع علم {origin_ar} آليات عسكرية {where_ar}.",
    ),
    "land_shipment": (
        "A convoy of {n} trucks carrying crates of ammunition was seen {where_en}.",
        "شوهدت قافلة من {n} شاحنات تنقل صناديق ذخيرة {where_ar}.",
    ),
    "materiel_sighting": (
        "Newly delivered {weapon_en}, not seen in the area before, were observed {where_en}.",
        "رُصدت {weapon_ar} حديثة الوصول لم تُشاهد من قبل في المنطقة {where_ar}.",
    ),
    "interdiction": (
        "Operation Irini inspected a ship bound for {place_en} and referred its findings to the Panel of Experts.",
        "فتّشت عملية إيريني سفينة متجهة إلى {place_ar} وأحالت نتائجها إلى فريق الخبراء.",
    ),
    "other": (
        "Unusual activity was reported {where_en}; details are being sought.",
        "أُبلغ عن نشاط غير اعتيادي {where_ar}؛ ويجري جمع التفاصيل.",
    ),
}

NO_CASUALTIES = ("No casualties were reported.", "لم يُبلَّغ عن إصابات.")
CASUALTIES = ("Reported casualties: {parts}.", "الإصابات المبلَّغ عنها: {parts}.")
KILLED = ("{n} killed", "{n} قتلى")
INJURED = ("{n} injured", "{n} جرحى")
AND = (" and ", " و")

# Fillers, each (English, Arabic).
WEAPONS: dict[str, tuple[tuple[str, str], ...]] = {
    "shelling": (("122 mm Grad rocket", "صواريخ غراد عيار 122 ملم"), ("82 mm mortar", "هاون عيار 82 ملم"),
                 ("120 mm mortar", "هاون عيار 120 ملم"), ("artillery", "مدفعية")),
    "uav_overflight": (("Bayraktar TB2-type", "من طراز بيرقدار TB2"), ("Wing Loong-type", "من طراز وينغ لونغ"),
                       ("unidentified type", "من طراز غير محدد")),
    "heavy_weapons": (("tanks", "الدبابات"), ("multiple rocket launchers", "راجمات الصواريخ"),
                      ("artillery pieces", "قطع المدفعية"), ("air-defence systems", "منظومات الدفاع الجوي")),
    "uxo_sighting": (("mortar bombs", "قذائف هاون"), ("rockets", "صواريخ"), ("cluster submunitions", "ذخائر عنقودية"),
                     ("artillery shells", "قذائف مدفعية")),
    "materiel_sighting": (("armoured vehicles", "مركبات مدرعة"), ("air-defence systems", "منظومات دفاع جوي"),
                          ("UAV ground stations", "محطات تحكم أرضية لطائرات مسيّرة")),
}
REASONS: tuple[tuple[str, str], ...] = (
    ("no authorisation from the command", "عدم وجود إذن من القيادة"),
    ("the security situation", "الوضع الأمني"),
    ("a closed military area", "منطقة عسكرية مغلقة"),
    ("none", "لم يُقدَّم أي سبب"),
)
JMC_TOPICS: tuple[tuple[str, str], ...] = (
    ("the next steps to open the coastal road", "الخطوات التالية لفتح الطريق الساحلي"),
    ("a timetable to pull forces back from the front lines", "جدول زمني لسحب القوات من خطوط التماس"),
    ("the deployment of the ceasefire monitors in Sirte", "نشر مراقبي وقف إطلاق النار في سرت"),
    ("the lists of detainees to be exchanged", "قوائم المحتجزين المقرر تبادلهم"),
    ("demining of the contact lines", "نزع الألغام من خطوط التماس"),
)
# Countries whose English name takes an article in a sentence.
COUNTRY_NAMES: dict[str, tuple[str, str]] = {"uae": ("the United Arab Emirates", "الإمارات العربية المتحدة")}

# Short names for the parties most often written, (English, Arabic); others use their own names.
SHORT_NAMES: dict[str, tuple[str, str]] = {
    "gna": ("GNA forces", "قوات حكومة الوفاق"),
    "lna": ("LNA forces", "قوات الجيش الوطني الليبي"),
    "misrata_brigades": ("the Misrata brigades", "كتائب مصراتة"),
    "tbz": ("the Tariq Ben Zeyad Brigade", "كتيبة طارق بن زياد"),
    "wagner": ("the Wagner Group", "مجموعة فاغنر"),
    "syrian_fighters_gna": ("Turkish-backed Syrian factions", "الفصائل السورية الموالية لتركيا"),
    "syrian_fighters_lna": ("Wagner-recruited Syrian units", "الوحدات السورية التي جندتها فاغنر"),
    "sudanese_rsf": ("Sudanese armed groups", "الجماعات السودانية المسلحة"),
    "chadian_rebels": ("Chadian armed groups", "الجماعات التشادية المسلحة"),
    "turkey": ("the Turkish armed forces", "القوات المسلحة التركية"),
    "russia": ("Russian forces", "القوات الروسية"),
    "uae": ("Emirati forces", "القوات الإماراتية"),
}

ALLEGATION_PREFIX = ("We report a violation of the ceasefire: ", "نبلغ عن خرق لاتفاق وقف إطلاق النار: ")
MEDIA_PREFIX = ("Local media report: ", "تفيد وسائل إعلام محلية بأن ")
PUBLIC_PREFIX = ("A resident reports by telephone: ", "أفاد أحد السكان هاتفيًا: ")
DENIALS: tuple[tuple[str, str], ...] = (
    ("{party_en} denies the allegation; its units did not leave their positions.",
     "ينفي {party_ar} هذا الادعاء، ويؤكد أن وحداته لم تغادر مواقعها."),
    ("{party_en} says its forces only answered fire from the other side.",
     "يقول {party_ar} إن قواته ردّت فقط على مصادر النيران من الطرف الآخر."),
    ("{party_en} says the movement was a routine rotation agreed within the JMC.",
     "يقول {party_ar} إن التحرك كان تناوبًا اعتياديًا متفقًا عليه داخل اللجنة العسكرية المشتركة."),
)
