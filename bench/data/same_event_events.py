"""Hand-written event records for the "same event" labelled set (bench/same_event.py).

Events come in pairs on one topic (two earthquakes, two oil-price moves, two IAEA
visits...), so different events share many words: the hard negatives. Each event has
several rewritten agency copies in English (different order, verbs, attribution: "told
ISNA", "according to IRNA", "officials told Reuters"), and some a copy or two in Persian.
A pair of copies is labelled "same event" exactly when they were written for the same
record; the label is the record's key, set when writing, never inferred by the matcher.
Hours are offsets from the first copy of the pair's topic.
"""

EVENTS = [
    # --- earthquakes -------------------------------------------------------------------
    {
        "key": "quake-kerman",
        "hour": 0,
        "en": [
            ("IRNA", "Magnitude 5.6 quake shakes Kerman province",
             "A magnitude 5.6 earthquake struck near the town of Rayen in Kerman province on Tuesday, injuring 27 people, the provincial crisis management office told IRNA. Rescue teams were sent to 14 villages."),
            ("Reuters", "Earthquake in southeastern Iran injures 27",
             "At least 27 people were hurt when a 5.6-magnitude earthquake hit Kerman province in southeastern Iran on Tuesday, officials told Reuters. The quake was centred near Rayen, and teams were checking 14 villages for damage."),
            ("ISNA", "Rayen quake: 27 injured, 14 villages checked",
             "Twenty-seven people were injured by Tuesday's earthquake near Rayen, Kerman's crisis management chief told ISNA, adding that the 5.6 tremor damaged homes in 14 villages."),
        ],
        "fa": [
            ("ایرنا", "زلزله ۵.۶ ریشتری کرمان را لرزاند",
             "زلزله‌ای به بزرگی ۵.۶ ریشتر روز سه‌شنبه حوالی راین در استان کرمان رخ داد و ۲۷ نفر مصدوم شدند. مدیریت بحران استان کرمان به ایرنا گفت تیم‌های امداد به ۱۴ روستا اعزام شدند."),
            ("ایسنا", "۲۷ مصدوم در زلزله راین",
             "مدیرکل مدیریت بحران کرمان به ایسنا گفت در زلزله ۵.۶ ریشتری راین ۲۷ نفر مصدوم شدند و به خانه‌های ۱۴ روستا خسارت رسید."),
        ],
    },
    {
        "key": "quake-khoy",
        "hour": 6,
        "en": [
            ("IRNA", "Magnitude 4.9 quake hits Khoy in West Azarbaijan",
             "A magnitude 4.9 earthquake struck Khoy in West Azarbaijan province on Thursday, injuring 9 people, the Red Crescent told IRNA. Relief workers set up 120 tents."),
            ("AP", "Quake injures nine in northwestern Iran",
             "Nine people were injured when a 4.9-magnitude earthquake shook the city of Khoy in northwestern Iran on Thursday, according to the Red Crescent, which said it had put up 120 tents."),
            ("Mehr", "Red Crescent pitches 120 tents after Khoy tremor",
             "The Red Crescent has pitched 120 tents in Khoy after Thursday's 4.9 earthquake, which injured 9 people, a spokesman told Mehr."),
        ],
        "fa": [
            ("مهر", "زلزله ۴.۹ ریشتری خوی ۹ مصدوم داشت",
             "زلزله‌ای به بزرگی ۴.۹ ریشتر روز پنجشنبه خوی در استان آذربایجان غربی را لرزاند. سخنگوی هلال احمر به مهر گفت ۹ نفر مصدوم شدند و ۱۲۰ چادر برپا شد."),
        ],
    },
    # --- oil prices --------------------------------------------------------------------
    {
        "key": "oil-up",
        "hour": 0,
        "en": [
            ("Reuters", "Oil rises to $84 on OPEC+ supply cut",
             "Brent crude rose 2.1 percent to $84.30 a barrel on Monday after OPEC+ agreed to extend its supply cut of 1.2 million barrels a day, traders told Reuters."),
            ("AFP", "Brent climbs 2.1 percent after OPEC+ extends cuts",
             "Oil prices climbed on Monday, with Brent gaining 2.1 percent to $84.30, after the OPEC+ group said it would keep 1.2 million barrels a day off the market."),
            ("Shana", "OPEC+ extension lifts Brent to $84.30",
             "The extension of the OPEC+ cut of 1.2 million barrels per day pushed Brent up 2.1 percent to $84.30 on Monday, according to market data."),
        ],
        "fa": [
            ("شانا", "برنت با تمدید کاهش تولید اوپک پلاس به ۸۴ دلار رسید",
             "قیمت نفت برنت روز دوشنبه با ۲.۱ درصد افزایش به ۸۴.۳۰ دلار رسید، پس از آنکه اوپک پلاس کاهش تولید ۱.۲ میلیون بشکه در روز را تمدید کرد."),
        ],
    },
    {
        "key": "oil-down",
        "hour": 20,
        "en": [
            ("Reuters", "Oil falls to $79 as US stocks build",
             "Brent crude fell 3.4 percent to $79.10 a barrel on Wednesday after US crude inventories rose by 5.8 million barrels, traders told Reuters."),
            ("Bloomberg", "Brent slides 3.4 percent on US inventory jump",
             "Oil slid on Wednesday, with Brent down 3.4 percent at $79.10, after data showed US stockpiles grew by 5.8 million barrels last week."),
            ("AFP", "Oil prices drop after US stockpiles swell",
             "Brent dropped to $79.10 a barrel on Wednesday, a fall of 3.4 percent, after US crude stockpiles swelled by 5.8 million barrels, according to government data."),
        ],
        "fa": [
            ("شانا", "افت ۳.۴ درصدی نفت با افزایش ذخایر آمریکا",
             "قیمت نفت برنت روز چهارشنبه با ۳.۴ درصد کاهش به ۷۹.۱۰ دلار رسید. ذخایر نفت خام آمریکا ۵.۸ میلیون بشکه افزایش یافت."),
        ],
    },
    # --- IAEA visits -------------------------------------------------------------------
    {
        "key": "iaea-tehran",
        "hour": 0,
        "en": [
            ("IRNA", "IAEA chief Grossi arrives in Tehran for talks",
             "IAEA Director General Rafael Grossi arrived in Tehran on Monday for two days of talks with the Atomic Energy Organization of Iran, IRNA reported. He is due to meet Mohammad Eslami."),
            ("Reuters", "UN nuclear watchdog head visits Iran",
             "Rafael Grossi, head of the UN nuclear watchdog, landed in Tehran on Monday for a two-day visit and will meet nuclear chief Mohammad Eslami, Iranian state media said."),
            ("ISNA", "Grossi to meet Eslami during two-day Tehran visit",
             "The director general of the International Atomic Energy Agency, Rafael Grossi, will hold talks with Mohammad Eslami during his two-day visit to Tehran that began on Monday, an official told ISNA."),
        ],
        "fa": [
            ("ایرنا", "گروسی وارد تهران شد",
             "رافائل گروسی مدیرکل آژانس بین‌المللی انرژی اتمی روز دوشنبه برای یک سفر دو روزه وارد تهران شد و با محمد اسلامی رئیس سازمان انرژی اتمی دیدار می‌کند."),
            ("ایسنا", "سفر دو روزه مدیرکل آژانس به تهران",
             "مدیرکل آژانس بین‌المللی انرژی اتمی، رافائل گروسی، در سفر دو روزه خود به تهران با محمد اسلامی دیدار خواهد کرد. یک مقام مسئول به ایسنا گفت این سفر از دوشنبه آغاز شد."),
        ],
    },
    {
        "key": "iaea-report",
        "hour": 70,
        "en": [
            ("Reuters", "IAEA report says Iran's enriched uranium stock grew",
             "Iran's stock of uranium enriched to 60 percent grew by 17.6 kg to 182.3 kg, a confidential IAEA report seen by Reuters said on Wednesday, ahead of the agency's board meeting in Vienna."),
            ("AFP", "Iran expands 60 percent uranium stockpile: IAEA",
             "A quarterly IAEA report circulated in Vienna on Wednesday said Iran had 182.3 kg of uranium enriched up to 60 percent, up 17.6 kg since the last report."),
            ("AP", "UN watchdog: Iran's near weapons-grade stockpile up 17.6 kg",
             "The International Atomic Energy Agency said in a report on Wednesday that Iran's stockpile of 60 percent enriched uranium had risen to 182.3 kg, an increase of 17.6 kg."),
        ],
        "fa": [],
    },
    # --- football ----------------------------------------------------------------------
    {
        "key": "derby",
        "hour": 0,
        "en": [
            ("Tasnim", "Persepolis beat Esteghlal 2-1 in Tehran derby",
             "Persepolis beat Esteghlal 2-1 at Azadi Stadium on Friday, with Mehdi Torabi scoring the winner in the 88th minute in front of 78,000 fans, Tasnim reported."),
            ("AFP", "Late Torabi goal wins Tehran derby for Persepolis",
             "Mehdi Torabi struck in the 88th minute to give Persepolis a 2-1 victory over Esteghlal in the Tehran derby on Friday before a crowd of 78,000 at the Azadi."),
            ("ISNA", "Persepolis edge Esteghlal in front of 78,000",
             "A crowd of 78,000 at Azadi Stadium watched Persepolis edge Esteghlal 2-1 on Friday; Torabi's 88th-minute goal decided the derby, ISNA said."),
        ],
        "fa": [
            ("تسنیم", "پرسپولیس ۲ استقلال ۱",
             "پرسپولیس روز جمعه در ورزشگاه آزادی با گل دقیقه ۸۸ مهدی ترابی ۲ بر ۱ استقلال را شکست داد. ۷۸ هزار تماشاگر این دربی را تماشا کردند."),
        ],
    },
    {
        "key": "sepahan-cup",
        "hour": 5,
        "en": [
            ("Tasnim", "Sepahan beat Tractor 3-0 to reach Hazfi Cup final",
             "Sepahan thrashed Tractor 3-0 in Isfahan on Saturday to reach the Hazfi Cup final, with Kevin Yamga scoring twice, Tasnim reported."),
            ("Mehr", "Yamga double sends Sepahan into cup final",
             "Kevin Yamga scored two goals as Sepahan beat Tractor 3-0 in the Hazfi Cup semi-final in Isfahan on Saturday, Mehr said."),
            ("IRNA", "Sepahan through to Hazfi Cup final after 3-0 win",
             "Sepahan will play in the Hazfi Cup final after a 3-0 home win over Tractor on Saturday; Yamga scored twice in Isfahan, IRNA reported."),
        ],
        "fa": [],
    },
    # --- floods ------------------------------------------------------------------------
    {
        "key": "flood-sistan",
        "hour": 0,
        "en": [
            ("IRNA", "Floods kill 4 in Sistan and Baluchestan",
             "Flash floods killed 4 people and cut roads to 63 villages in Sistan and Baluchestan province on Sunday, the provincial governor told IRNA."),
            ("Reuters", "Flash floods in southeast Iran kill four",
             "Four people died in flash floods in Iran's Sistan and Baluchestan province on Sunday, and roads to 63 villages were cut, local officials told Reuters."),
            ("Tasnim", "63 villages cut off by Sistan floods",
             "Roads to 63 villages in Sistan and Baluchestan were cut off by Sunday's floods, which killed four people, the governor told Tasnim."),
        ],
        "fa": [
            ("ایرنا", "سیل در سیستان و بلوچستان ۴ کشته برجای گذاشت",
             "استاندار سیستان و بلوچستان به ایرنا گفت سیل روز یکشنبه ۴ کشته برجای گذاشت و راه ارتباطی ۶۳ روستا قطع شد."),
        ],
    },
    {
        "key": "flood-mazandaran",
        "hour": 80,
        "en": [
            ("IRNA", "Floods in Mazandaran damage 1,200 homes",
             "Heavy rain and floods damaged 1,200 homes in Mazandaran province on Wednesday, and 2 people were missing near Sari, the Red Crescent told IRNA."),
            ("AFP", "Two missing as floods hit northern Iran",
             "Two people were missing after floods swept through Mazandaran in northern Iran on Wednesday, damaging about 1,200 homes, the Red Crescent said."),
            ("Mehr", "Red Crescent: 1,200 Mazandaran homes damaged",
             "About 1,200 homes were damaged by Wednesday's floods in Mazandaran and two people were reported missing near Sari, a Red Crescent official told Mehr."),
        ],
        "fa": [],
    },
    # --- currency ----------------------------------------------------------------------
    {
        "key": "rial-low",
        "hour": 0,
        "en": [
            ("Reuters", "Iran's rial hits record low of 610,000 to the dollar",
             "Iran's rial fell to a record low of 610,000 to the US dollar on the open market in Tehran on Saturday, foreign exchange websites said, as traders told Reuters of worries over sanctions."),
            ("AFP", "Rial slumps to 610,000 per dollar",
             "The Iranian rial slumped to an all-time low of 610,000 per dollar on Tehran's unofficial market on Saturday, according to currency tracking websites."),
            ("Bonbast", "Dollar reaches 610,000 rials in Tehran",
             "The US dollar was sold for 610,000 rials in Tehran on Saturday, the highest rate ever recorded on the free market."),
        ],
        "fa": [
            ("ایسنا", "دلار به ۶۱۰ هزار ریال رسید",
             "قیمت دلار آمریکا روز شنبه در بازار آزاد تهران به ۶۱۰ هزار ریال رسید که بالاترین رقم ثبت شده است."),
        ],
    },
    {
        "key": "central-bank-rate",
        "hour": 3,
        "en": [
            ("IRNA", "Central bank raises deposit rate to 23 percent",
             "The Central Bank of Iran raised the interbank deposit rate to 23 percent on Monday to curb inflation, governor Mohammad Reza Farzin told IRNA."),
            ("Reuters", "Iran's central bank lifts key rate to 23 percent",
             "Iran's central bank increased its benchmark interbank rate to 23 percent on Monday in a bid to rein in inflation, governor Farzin said."),
            ("Donya-e-Eqtesad", "Farzin: interbank rate now 23 percent",
             "Central bank governor Mohammad Reza Farzin said on Monday the interbank rate had been set at 23 percent to fight inflation."),
        ],
        "fa": [
            ("ایرنا", "نرخ سود بین بانکی ۲۳ درصد شد",
             "محمدرضا فرزین رئیس کل بانک مرکزی روز دوشنبه به ایرنا گفت نرخ سود بازار بین بانکی برای مهار تورم به ۲۳ درصد افزایش یافت."),
        ],
    },
    # --- diplomacy ---------------------------------------------------------------------
    {
        "key": "araghchi-muscat",
        "hour": 0,
        "en": [
            ("IRNA", "Araghchi in Muscat for talks with Omani counterpart",
             "Foreign Minister Abbas Araghchi arrived in Muscat on Saturday for talks with Omani Foreign Minister Badr Albusaidi on regional issues, IRNA reported."),
            ("Reuters", "Iran's foreign minister visits Oman",
             "Iranian Foreign Minister Abbas Araghchi travelled to Muscat on Saturday to meet Oman's Badr Albusaidi, Iranian state media said."),
            ("Tasnim", "Araghchi, Albusaidi discuss region in Muscat",
             "Abbas Araghchi and his Omani counterpart Badr Albusaidi discussed regional developments in Muscat on Saturday, the foreign ministry spokesman told Tasnim."),
        ],
        "fa": [
            ("ایرنا", "عراقچی وارد مسقط شد",
             "عباس عراقچی وزیر امور خارجه روز شنبه برای گفتگو با بدر البوسعیدی وزیر خارجه عمان وارد مسقط شد."),
        ],
    },
    {
        "key": "araghchi-doha",
        "hour": 60,
        "en": [
            ("IRNA", "Araghchi meets Qatari emir in Doha",
             "Foreign Minister Abbas Araghchi met Qatar's Emir Sheikh Tamim bin Hamad Al Thani in Doha on Tuesday to discuss gas cooperation, IRNA reported."),
            ("AFP", "Iran's top diplomat holds talks with Qatar emir",
             "Iranian Foreign Minister Abbas Araghchi held talks with Sheikh Tamim bin Hamad Al Thani in Doha on Tuesday, focusing on the shared gas field."),
            ("Al Jazeera", "Emir receives Iranian foreign minister",
             "Qatar's emir Sheikh Tamim received Iran's Abbas Araghchi in Doha on Tuesday; the two discussed cooperation on gas, the Amiri Diwan said."),
        ],
        "fa": [],
    },
]
