"""The demo's content in the other five languages, so that a visitor of /ar/ or /zh-hans/ can find,
read and register for the upcoming events in their language: audiences, cities and agenda items, keyed by
their English text (event titles and descriptions are beside each event in activities.py)."""

LANGUAGES = ("fr", "es", "ru", "zh_hans", "ar")

AUDIENCES = {
    "Diplomats and government officials": (
        "Diplomates et fonctionnaires gouvernementaux",
        "Diplomáticos y funcionarios gubernamentales",
        "Дипломаты и государственные служащие",
        "外交官和政府官员",
        "الدبلوماسيون والمسؤولون الحكوميون",
    ),
    "Diplomats and government officials, and experts from civil society, academia and industry": (
        "Diplomates et fonctionnaires gouvernementaux, et experts de la société civile, du monde universitaire "
        "et de l'industrie",
        "Diplomáticos y funcionarios gubernamentales, y expertos de la sociedad civil, el mundo académico y la "
        "industria",
        "Дипломаты и государственные служащие, а также эксперты гражданского общества, академических кругов и отрасли",
        "外交官和政府官员，以及来自民间社会、学术界和业界的专家",
        "الدبلوماسيون والمسؤولون الحكوميون، وخبراء من المجتمع المدني والأوساط الأكاديمية والقطاع الخاص",
    ),
}

CITIES = {
    "Geneva": ("Genève", "Ginebra", "Женева", "日内瓦", "جنيف"),
    "Singapore": ("Singapour", "Singapur", "Сингапур", "新加坡", "سنغافورة"),
    "Santo Domingo": ("Saint-Domingue", "Santo Domingo", "Санто-Доминго", "圣多明各", "سانتو دومينغو"),
}

AGENDA_ITEMS = {
    "Sovereignty, non-intervention and due diligence": (
        "Souveraineté, non-intervention et diligence raisonnable",
        "Soberanía, no intervención y diligencia debida",
        "Суверенитет, невмешательство и должная осмотрительность",
        "主权、不干涉和审慎义务",
        "السيادة وعدم التدخل والعناية الواجبة",
    ),
    "Use of force, self-defence and international humanitarian law": (
        "Recours à la force, légitime défense et droit international humanitaire",
        "Uso de la fuerza, legítima defensa y derecho internacional humanitario",
        "Применение силы, самооборона и международное гуманитарное право",
        "使用武力、自卫和国际人道法",
        "استخدام القوة والدفاع عن النفس والقانون الدولي الإنساني",
    ),
    "Moot exercise": ("Procès simulé", "Simulación de juicio", "Учебный судебный процесс", "模拟法庭", "محكمة صورية"),
}


def translated(field_name: str, texts: tuple[str, ...]) -> dict[str, str]:
    """{"title_fr": ..., "title_zh_hans": ...} for a field's five translations; {} for a text that has none."""
    if not texts:
        return {}
    return {f"{field_name}_{language}": text for language, text in zip(LANGUAGES, texts, strict=True)}
