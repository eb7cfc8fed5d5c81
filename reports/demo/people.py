"""Generated participants for the demo: believable names, countries, organisations and job titles,
the same on every run (every draw comes from one seeded generator, never from the database)."""

import datetime
import random
import unicodedata
from dataclasses import dataclass, field

from events.models import Event, Participant
from unidir_cb.core import un_countries
from unidir_cb.core.models import OrganisationKind

from .common import codes

# Who takes part, as weights of organisation kinds.
MULTI_STAKEHOLDER = {
    OrganisationKind.GOVERNMENT: 55,
    OrganisationKind.ACADEMIA: 14,
    OrganisationKind.CIVIL_SOCIETY: 12,
    OrganisationKind.PRIVATE_SECTOR: 11,
    OrganisationKind.REGIONAL_ORGANISATION: 4,
    OrganisationKind.UN_ENTITY: 4,
}
GOVERNMENT_ONLY = {OrganisationKind.GOVERNMENT: 100}

WORLD = codes(
    "NG KE GH ZA EG MA SN CI ET RW UG TZ DZ TN CM ZM "
    "CN JP KR IN ID MY SG TH VN PH PK BD AE SA QA IR KZ FJ "
    "RU PL CZ EE RO UA RS GE AM BY "
    "BR MX AR CL CO PE CR DO JM TT UY EC "
    "US GB FR DE NL CH IT CA AU NZ SE NO ES TR"
)
AFRICAN_STATES = codes("NG KE GH ZA EG MA SN CI ET RW UG TZ DZ TN CM ZM MW BW NA MZ BJ TG")
ASIA_PACIFIC_STATES = codes("CN JP KR IN ID MY SG TH VN PH PK BD LK NP MN AE SA QA JO KH")
LATIN_AMERICAN_CARIBBEAN_STATES = codes("BR MX AR CL CO PE CR DO JM TT UY EC GT HN PA PY BO SV BB GY")
EASTERN_EUROPE_CENTRAL_ASIA_STATES = codes("RU BY AM AZ GE MD RS BA ME MK AL KZ KG UZ TJ TM")
PACIFIC_ISLAND_STATES = codes("FJ PG WS TO VU SB KI TV NR PW MH FM")
# Government representatives of Least Developed Countries and Small Island Developing States.
LDC_SIDS_STATES = codes("BD NP KH LA MM ET UG RW SN MW MZ ZM TZ HT SB KI TL TV FJ WS TO VU JM TT BB MV MU SC")
# The 2022 table-top exercises: 15 States each, 30 different countries in all.
ASEAN_TTX_STATES = codes("BN KH ID LA MY MM PH SG TH VN TL JP KR CN IN")
OAS_TTX_STATES = codes("AR BR CL CO CR DO EC GT JM MX PA PE PY TT UY")

# Populations of participants. Several events of a series draw from one cohort, so that the same people
# come back, as they do. (cohort, size, countries, organisation kinds, every country at least once)
COHORTS = {
    "norms-seminars-2020": (80, WORLD, MULTI_STAKEHOLDER, False),
    "norms-dialogues-2021": (56, WORLD, MULTI_STAKEHOLDER, False),
    "briefing-africa-2022": (22, AFRICAN_STATES, GOVERNMENT_ONLY, False),
    "briefing-asia-pacific-2022": (20, ASIA_PACIFIC_STATES, GOVERNMENT_ONLY, False),
    "briefing-latin-america-caribbean-2022": (22, LATIN_AMERICAN_CARIBBEAN_STATES, GOVERNMENT_ONLY, False),
    "briefing-eastern-europe-central-asia-2022": (18, EASTERN_EUROPE_CENTRAL_ASIA_STATES, GOVERNMENT_ONLY, False),
    "briefing-pacific-islands-2022": (14, PACIFIC_ISLAND_STATES, GOVERNMENT_ONLY, False),
    "summer-course-2022": (24, LDC_SIDS_STATES, GOVERNMENT_ONLY, False),
    "ttx-asean-2022": (28, ASEAN_TTX_STATES, GOVERNMENT_ONLY, True),
    "ttx-oas-2022": (27, OAS_TTX_STATES, GOVERNMENT_ONLY, True),
    "csc-2023": (95, WORLD, MULTI_STAKEHOLDER, False),
    "briefing-2027": (14, WORLD, MULTI_STAKEHOLDER, False),
    "training-2023": (18, WORLD, GOVERNMENT_ONLY, False),
    "training-2027": (13, WORLD, GOVERNMENT_ONLY, False),
    "clinic-2027": (18, WORLD, GOVERNMENT_ONLY, False),
}

# Name pools: female and male first names, family names (with the feminine forms where the language
# has them, in the same order).
NAME_POOLS = {
    "hispanic": {
        "female": "María, Ana Lucía, Camila, Valentina, Gabriela, Lucía, Daniela, Carolina, Fernanda, Paola, Isabel",
        "male": "José, Juan Carlos, Diego, Alejandro, Carlos, Andrés, Luis, Javier, Mateo, Santiago, Ricardo, Felipe",
        "last": "García, Rodríguez, Martínez, Hernández, López, González, Pérez, Sánchez, Ramírez, Torres, Flores, "
        "Rivera, Gómez, Díaz, Vargas, Castillo, Morales, Ortega, Rojas, Mendoza",
    },
    "lusophone": {
        "female": "Ana, Beatriz, Juliana, Mariana, Fernanda, Larissa, Inês, Joana, Luísa",
        "male": "João, Pedro, Lucas, Rafael, Tiago, Bruno, Gustavo, Nuno, Domingos",
        "last": "Silva, Santos, Oliveira, Souza, Pereira, Costa, Ferreira, Almeida, Carvalho, Ribeiro, Gomes, Martins",
    },
    "caribbean": {
        "female": "Keisha, Shanice, Natalie, Tamara, Simone, Alicia, Kerry-Ann, Danielle, Anika",
        "male": "Andre, Damion, Marlon, Kevin, Jerome, Ryan, Shane, Marcus, Dwayne",
        "last": "Campbell, Williams, Brown, Thompson, Clarke, Joseph, Charles, Baptiste, Henry, Edwards, Persad, "
        "Ramdass, Greenidge",
    },
    "haitian": {
        "female": "Marie, Nadège, Fabienne, Guerda, Rose-Carmelle, Mirlande",
        "male": "Jean, Wilner, Frantz, Réginald, Jean-Robert, Patrick",
        "last": "Jean-Baptiste, Pierre, Joseph, Saint-Louis, Desrosiers, Dorval, Étienne, Auguste",
    },
    "west_african_francophone": {
        "female": "Aminata, Fatou, Awa, Mariam, Aïssatou, Rokia, Adjoa, Clarisse",
        "male": "Moussa, Mamadou, Ibrahima, Oumar, Abdoulaye, Boubacar, Koffi, Yves",
        "last": "Diallo, Traoré, Keïta, Coulibaly, Ouédraogo, Sow, Ndiaye, Diop, Camara, Koné, Kaboré, Sawadogo, "
        "Hounkpatin, Agbodjan",
    },
    "central_african_francophone": {
        "female": "Josiane, Nadège, Clarisse, Chantal, Grâce, Solange, Hortense",
        "male": "Jean-Claude, Serge, Patrice, Thierry, Hervé, Désiré, Fidèle",
        "last": "Mbarga, Nkurunziza, Ngoma, Mbeki, Essomba, Rakotoarisoa, Ndayishimiye, Mahamat, Ateba, Randriamanana",
    },
    "west_african_anglophone": {
        "female": "Ngozi, Abena, Akua, Adaeze, Funmilayo, Chiamaka, Efua, Isatou",
        "male": "Emeka, Oluwaseun, Kwame, Kofi, Chinedu, Tunde, Yaw, Mohamed",
        "last": "Okafor, Adeyemi, Mensah, Boateng, Asante, Chukwu, Owusu, Okonkwo, Bello, Sesay, Kamara, Jallow",
    },
    "east_african": {
        "female": "Wanjiru, Grace, Fatuma, Esther, Halima, Achieng, Aline, Neema",
        "male": "Baraka, Samuel, Joseph, Daniel, Brian, Emmanuel, Jean-Paul, Juma",
        "last": "Mwangi, Otieno, Kamau, Mutua, Nakato, Uwimana, Wafula, Odhiambo, Njoroge, Mugisha, Mushi, Kiprono",
    },
    "southern_african": {
        "female": "Nomvula, Thandiwe, Chipo, Lindiwe, Tendai, Naledi, Mercy, Tsitsi",
        "male": "Mandla, Sipho, Thabo, Blessing, Tafadzwa, Chikondi, Kagiso, Kondwani",
        "last": "Dlamini, Nkosi, Moyo, Banda, Phiri, Ndlovu, Mokoena, Khumalo, Mbewe, Chirwa, Shikongo, Mwale",
    },
    "horn_of_africa": {
        "female": "Mekdes, Hiwot, Hodan, Selam, Meron, Amina",
        "male": "Tesfaye, Abdi, Yonas, Dawit, Mohamed, Mesfin",
        "last": "Tadesse, Bekele, Haile, Girma, Warsame, Abdullahi, Gebremedhin, Tesfamariam",
    },
    "maghreb": {
        "female": "Fatima, Salma, Yasmina, Imane, Amal, Nadia, Meriem",
        "male": "Mohamed, Youssef, Karim, Mehdi, Rachid, Hamza, Sofiane",
        "last": "Benali, Chaabane, El Amrani, Mansouri, Belkacem, Trabelsi, Bennani, Haddad, Ould Ahmed",
    },
    "arabic": {
        "female": "Layla, Nour, Mariam, Rania, Huda, Dina, Reem, Hala",
        "male": "Ahmed, Omar, Khaled, Tarek, Hassan, Ali, Rami, Faisal",
        "last": "El-Sayed, Mansour, Khalil, Saleh, Nasser, Hamdan, Aziz, Al-Mutairi, Al-Harthy, Farouk, Darwish, "
        "Al-Khatib",
    },
    "persian": {
        "female": "Maryam, Zahra, Parisa, Shirin, Laleh, Nilufar",
        "male": "Reza, Hossein, Amir, Farhad, Ahmad, Firuz",
        "last": "Ahmadi, Hosseini, Karimi, Rahimi, Mohammadi, Rezaei, Jafari, Sadeghi",
    },
    "turkish": {
        "female": "Elif, Ayşe, Zeynep, Selin, Defne, Leyla",
        "male": "Emre, Murat, Mehmet, Can, Burak, Elvin",
        "last": "Yılmaz, Kaya, Demir, Şahin, Çelik, Aydın, Öztürk, Aliyev",
    },
    "russian": {
        "female": "Anna, Elena, Olga, Natalia, Irina, Tatiana, Yulia, Maria, Ekaterina, Svetlana",
        "male": "Alexei, Dmitry, Sergei, Andrei, Ivan, Mikhail, Nikolai, Pavel, Vladimir, Oleg",
        "last": "Ivanov, Petrov, Smirnov, Kuznetsov, Popov, Volkov, Sokolov, Lebedev, Kozlov, Novikov",
        "last_female": "Ivanova, Petrova, Smirnova, Kuznetsova, Popova, Volkova, Sokolova, Lebedeva, Kozlova, Novikova",
    },
    "central_asian": {
        "female": "Aigerim, Dilnoza, Gulnara, Zarina, Madina, Aida",
        "male": "Nurlan, Timur, Rustam, Bekzat, Aziz, Daniyar",
        "last": "Alimov, Rakhimov, Sadykov, Yusupov, Ismailov, Sultanov",
        "last_female": "Alimova, Rakhimova, Sadykova, Yusupova, Ismailova, Sultanova",
    },
    "mongolian": {
        "female": "Oyunchimeg, Solongo, Enkhjargal, Bolormaa",
        "male": "Batbayar, Ganbold, Erdene, Tömör",
        "last": "Batsaikhan, Dorjsuren, Gantulga, Enkhbold, Tsogt",
    },
    "balkan": {
        "female": "Ana, Ivana, Maja, Katarina, Jelena, Marija, Elena",
        "male": "Marko, Luka, Petar, Nikola, Stefan, Aleksandar, Dimitar",
        "last": "Horvat, Kovačević, Marković, Petrović, Jovanović, Novak, Popović, Nikolovski, Hadžić, Georgiev",
    },
    "central_european": {
        "female": "Agnieszka, Katarzyna, Zuzana, Petra, Eszter, Lucie",
        "male": "Piotr, Tomáš, Jakub, Péter, Martin, Michał",
        "last": "Nowak, Kowalski, Novák, Svoboda, Nagy, Horváth",
        "last_female": "Nowak, Kowalska, Nováková, Svobodová, Nagy, Horváth",
    },
    "baltic": {
        "female": "Kadri, Liis, Inga, Rasa, Laura, Ieva",
        "male": "Andres, Mārtiņš, Tomas, Jonas, Kristjan, Rolands",
        "last": "Tamm, Saar, Kask, Bērziņš, Kazlauskas, Petrauskas",
        "last_female": "Tamm, Saar, Kask, Bērziņa, Kazlauskienė, Petrauskienė",
    },
    "romanian": {
        "female": "Ioana, Elena, Andreea, Maria, Cristina, Diana",
        "male": "Andrei, Mihai, Alexandru, Ion, Vlad, Radu",
        "last": "Popescu, Ionescu, Rusu, Ciobanu, Munteanu, Lupu, Stoica",
    },
    "caucasus": {
        "female": "Nino, Tamar, Anahit, Lusine, Mariam, Ani",
        "male": "Giorgi, Levan, Arman, Davit, Tigran, Irakli",
        "last": "Beridze, Kapanadze, Gelashvili, Hakobyan, Petrosyan, Grigoryan, Lomidze, Sargsyan",
    },
    "albanian": {
        "female": "Elira, Arta, Blerta, Ana, Jonida",
        "male": "Arben, Erion, Gentian, Besnik, Ilir",
        "last": "Hoxha, Shehu, Kola, Dervishi, Leka, Basha",
    },
    "indian": {
        "female": "Priya, Ananya, Kavya, Deepa, Sunita, Meera, Lakshmi",
        "male": "Arjun, Rahul, Rajesh, Sanjay, Suresh, Vikram, Anil",
        "last": "Sharma, Patel, Iyer, Reddy, Nair, Gupta, Singh, Rao, Ramgoolam, Seetaram",
    },
    "south_asian_muslim": {
        "female": "Ayesha, Farzana, Nusrat, Sadia, Fatima, Sana",
        "male": "Imran, Farhan, Aamir, Kamal, Tanvir, Bilal",
        "last": "Khan, Rahman, Hossain, Ahmed, Chowdhury, Qureshi, Malik, Islam",
    },
    "himalayan": {
        "female": "Sita, Sunita, Pema, Dechen, Anjali, Sonam",
        "male": "Tenzin, Bikash, Sonam, Ramesh, Karma, Prakash",
        "last": "Shrestha, Gurung, Thapa, Dorji, Wangchuk, Tamang, Adhikari",
    },
    "sri_lankan": {
        "female": "Nimali, Dilani, Chamari, Sanduni",
        "male": "Kasun, Nuwan, Ruwan, Dinesh",
        "last": "Perera, Fernando, Jayawardena, Wickramasinghe, Bandara, Herath",
    },
    "maldivian": {
        "female": "Aishath, Mariyam, Fathimath, Hawwa",
        "male": "Ahmed, Mohamed, Ibrahim, Hussain",
        "last": "Rasheed, Shareef, Naseer, Didi, Waheed, Manik",
    },
    "chinese": {
        "female": "Mei, Xiaoling, Yan, Jing, Lihua, Xin, Ying",
        "male": "Wei, Jun, Hao, Lei, Tao, Jian, Ming",
        "last": "Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Zhou, Wu",
    },
    "japanese": {
        "female": "Yuki, Haruka, Aiko, Sakura, Naomi, Emi",
        "male": "Hiroshi, Takeshi, Kenji, Daisuke, Yuta, Shota",
        "last": "Tanaka, Suzuki, Takahashi, Watanabe, Ito, Yamamoto, Nakamura, Kobayashi, Sato",
    },
    "korean": {
        "female": "Ji-yeon, Min-ji, Seo-yeon, Hye-jin, Su-bin",
        "male": "Min-jun, Ji-hoon, Seung-woo, Dong-hyun, Jae-won",
        "last": "Kim, Lee, Park, Choi, Jung, Kang, Cho, Yoon",
    },
    "indonesian": {
        "female": "Dewi, Putri, Rina, Siti, Ayu, Intan",
        "male": "Budi, Rizal, Arif, Agus, Dimas, Yoga",
        "last": "Santoso, Wijaya, Hidayat, Pratama, Saputra, Kusuma, Nugroho",
    },
    "malay": {
        "female": "Nurul, Aisyah, Farah, Siti, Nur Izzati, Rosnah",
        "male": "Muhammad, Ahmad, Hafiz, Faisal, Azlan, Rosli",
        "last": "Abdullah, Ibrahim, Ismail, Hassan, Rahman, Osman, Yusof",
    },
    "singaporean": {
        "female": "Mei Ling, Hui Min, Priya, Nurul, Shu Fen",
        "male": "Wei Jie, Jun Hao, Ravi, Hafiz, Kok Wah",
        "last": "Tan, Lim, Lee, Ng, Ong, Koh, Rahman, Pillai",
    },
    "thai": {
        "female": "Siriporn, Nattaya, Kanya, Pimchanok, Waraporn",
        "male": "Somchai, Anan, Kittipong, Nattapong, Thanawat",
        "last": "Wongsawat, Chaiyasit, Saetang, Boonmee, Srisombat, Rattanakorn",
    },
    "vietnamese": {
        "female": "Linh, Huong, Lan, Thu, Mai, Ngoc",
        "male": "Minh, Duc, Hung, Tuan, Quang, Nam",
        "last": "Nguyen, Tran, Le, Pham, Hoang, Vu, Dang, Bui",
    },
    "filipino": {
        "female": "Maria Cristina, Angelica, Kristine, Joanna, Patricia",
        "male": "Jose Miguel, Mark Anthony, Paolo, Rafael, Carlo",
        "last": "Santos, Reyes, Cruz, Bautista, Ocampo, Garcia, Mendoza, Aquino, Villanueva, Dela Cruz",
    },
    "khmer": {
        "female": "Sophea, Sreymom, Chanthy, Bopha, Dary",
        "male": "Dara, Sokha, Vannak, Visal, Rithy",
        "last": "Chan, Sok, Keo, Heng, Meas, Chea",
    },
    "lao": {
        "female": "Phonesavanh, Malaythong, Khamla, Vilayvanh",
        "male": "Somphone, Bounmy, Khampheng, Souksavanh",
        "last": "Phommachanh, Vongsa, Sayavong, Keomany, Inthavong",
    },
    "myanmar": {
        "female": "Khin, Aye, Thida, Su, Nandar",
        "male": "Kyaw, Zaw, Htet, Min, Aung",
        "last": "Win, Aung, Htun, Oo, Myint, Thein",
    },
    "melanesian": {
        "female": "Mere, Losana, Litia, Grace, Ruth, Elsie",
        "male": "Josaia, Manasa, Peni, John, Kalo, Moses",
        "last": "Koroi, Raikadroka, Tabe, Kaluwin, Tuivaga, Natapei, Namosimalua, Wari",
    },
    "polynesian": {
        "female": "Seini, Salote, Teuila, Lupe, Malia",
        "male": "Sione, Tevita, Iosefa, Taniela, Falani",
        "last": "Fonua, Taufa, Leota, Iese, Molia, Tuilagi, Faleafa, Telavi",
    },
    "micronesian": {
        "female": "Teresia, Mary, Rose, Tina, Bwena",
        "male": "Anote, Teburoro, David, Wilson, Taneti",
        "last": "Tong, Teannaki, Waqa, Kabua, Ngiraked, Ehsa, Tabai",
    },
    "anglo": {
        "female": "Emily, Sarah, Rebecca, Hannah, Claire, Olivia, Laura, Jessica, Charlotte, Megan",
        "male": "James, Thomas, Daniel, Michael, Oliver, Benjamin, William, Matthew, Christopher, Andrew",
        "last": "Smith, Johnson, Brown, Taylor, Wilson, Campbell, Murphy, Robinson, Walker, Harris, O'Connor, "
        "Clarke, Mitchell, Bennett",
    },
    "french": {
        "female": "Camille, Léa, Chloé, Manon, Élodie, Julie, Sophie",
        "male": "Julien, Nicolas, Antoine, Mathieu, Louis, Pierre, Hugo",
        "last": "Martin, Bernard, Dubois, Durand, Lefebvre, Moreau, Laurent, Fournier, Girard, Lambert",
    },
    "german": {
        "female": "Anna, Lena, Katharina, Julia, Sophie, Miriam",
        "male": "Lukas, Jonas, Felix, Maximilian, Tobias, Stefan",
        "last": "Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Hoffmann, Keller",
    },
    "italian": {
        "female": "Giulia, Francesca, Chiara, Sara, Martina, Elena",
        "male": "Marco, Luca, Alessandro, Matteo, Lorenzo, Davide",
        "last": "Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco",
    },
    "greek": {
        "female": "Eleni, Maria, Sofia, Katerina, Despina",
        "male": "Giorgos, Nikos, Dimitris, Konstantinos, Andreas",
        "last": "Papadopoulos, Georgiou, Nikolaou, Christodoulou, Pappas, Ioannou",
    },
    "northern_european": {
        "female": "Sanne, Anouk, Emma, Ingrid, Sofie, Freya, Maja",
        "male": "Daan, Lars, Erik, Pieter, Mikkel, Jesper, Sem",
        "last": "de Jong, Jansen, Visser, van Dijk, Bakker, Johansson, Andersen, Nielsen, Lindqvist, Hansen, Berg",
    },
}

NAME_POOL_OF_COUNTRY = {
    **dict.fromkeys(codes("AR MX CO CL PE EC BO PY UY VE CR PA GT HN SV NI DO CU ES"), "hispanic"),
    **dict.fromkeys(codes("BR PT AO MZ CV GW ST TL"), "lusophone"),
    **dict.fromkeys(codes("JM TT BB BS AG DM GD KN LC VC GY BZ SR"), "caribbean"),
    "HT": "haitian",
    **dict.fromkeys(codes("SN CI ML BF NE TG BJ GN"), "west_african_francophone"),
    **dict.fromkeys(codes("CM CD CG GA MG TD CF BI"), "central_african_francophone"),
    **dict.fromkeys(codes("NG GH SL LR GM"), "west_african_anglophone"),
    **dict.fromkeys(codes("KE UG TZ RW SS"), "east_african"),
    **dict.fromkeys(codes("ZA ZM ZW MW BW NA LS SZ"), "southern_african"),
    **dict.fromkeys(codes("ET ER SO DJ"), "horn_of_africa"),
    **dict.fromkeys(codes("DZ MA TN LY MR"), "maghreb"),
    **dict.fromkeys(codes("EG SA AE QA KW JO LB IQ OM BH SY YE SD KM"), "arabic"),
    **dict.fromkeys(codes("IR AF TJ"), "persian"),
    **dict.fromkeys(codes("TR AZ"), "turkish"),
    **dict.fromkeys(codes("RU BY UA"), "russian"),
    **dict.fromkeys(codes("KZ KG UZ TM"), "central_asian"),
    "MN": "mongolian",
    **dict.fromkeys(codes("RS HR SI BA ME MK BG"), "balkan"),
    **dict.fromkeys(codes("PL CZ SK HU"), "central_european"),
    **dict.fromkeys(codes("EE LV LT"), "baltic"),
    **dict.fromkeys(codes("RO MD"), "romanian"),
    **dict.fromkeys(codes("GE AM"), "caucasus"),
    "AL": "albanian",
    **dict.fromkeys(codes("IN MU"), "indian"),
    **dict.fromkeys(codes("PK BD"), "south_asian_muslim"),
    **dict.fromkeys(codes("NP BT"), "himalayan"),
    "LK": "sri_lankan",
    "MV": "maldivian",
    "CN": "chinese",
    "JP": "japanese",
    "KR": "korean",
    "ID": "indonesian",
    **dict.fromkeys(codes("MY BN"), "malay"),
    "SG": "singaporean",
    "TH": "thai",
    "VN": "vietnamese",
    "PH": "filipino",
    "KH": "khmer",
    "LA": "lao",
    "MM": "myanmar",
    **dict.fromkeys(codes("FJ PG VU SB"), "melanesian"),
    **dict.fromkeys(codes("WS TO TV"), "polynesian"),
    **dict.fromkeys(codes("KI NR PW MH FM"), "micronesian"),
    **dict.fromkeys(codes("US GB AU NZ CA IE IL MT"), "anglo"),
    **dict.fromkeys(codes("FR BE LU MC SC"), "french"),
    **dict.fromkeys(codes("DE AT CH LI"), "german"),
    **dict.fromkeys(codes("IT SM"), "italian"),
    **dict.fromkeys(codes("GR CY"), "greek"),
    **dict.fromkeys(codes("NL SE NO DK FI IS"), "northern_european"),
}

GOVERNMENT_BODIES = [
    "Ministry of Foreign Affairs of {country}",
    "Ministry of Foreign Affairs of {country}",
    "Permanent Mission of {country} to the United Nations Office at Geneva",
    "Permanent Mission of {country} to the United Nations in New York",
    "Ministry of Defence of {country}",
    "National Cybersecurity Agency of {country}",
    "Ministry of Information and Communications Technology of {country}",
    "Ministry of Justice of {country}",
    "National Computer Emergency Response Team of {country}",
]
GOVERNMENT_JOB_TITLES = [
    "First Secretary",
    "Second Secretary",
    "Counsellor",
    "Attaché",
    "Minister Counsellor",
    "Director, International Security",
    "Deputy Director, Cyber Policy",
    "Head of Incident Response",
    "Legal Adviser",
    "Cybersecurity Analyst",
    "Policy Officer, Disarmament and International Security",
    "Senior Officer, International Cooperation",
]
# (organisation, country) for people who do not represent a government.
INSTITUTIONS = {
    OrganisationKind.ACADEMIA: [
        ("University of Oxford", "GB"),
        ("University of Geneva", "CH"),
        ("Tsinghua University", "CN"),
        ("University of Cape Town", "ZA"),
        ("Universidad de Chile", "CL"),
        ("The University of the West Indies", "JM"),
        ("National University of Singapore", "SG"),
        ("University of Nairobi", "KE"),
        ("Leiden University", "NL"),
        ("Moscow State Institute of International Relations", "RU"),
        ("Jawaharlal Nehru University", "IN"),
        ("Keio University", "JP"),
        ("Universidade de São Paulo", "BR"),
        ("University of Ghana", "GH"),
        ("Sciences Po", "FR"),
        ("Australian National University", "AU"),
        ("American University of Beirut", "LB"),
    ],
    OrganisationKind.CIVIL_SOCIETY: [
        ("CyberPeace Institute", "CH"),
        ("Global Partners Digital", "GB"),
        ("Derechos Digitales", "CL"),
        ("Paradigm Initiative", "NG"),
        ("Centre for Internet and Society", "IN"),
        ("ICT4Peace Foundation", "CH"),
        ("Research ICT Africa", "ZA"),
        ("DiploFoundation", "MT"),
        ("Association for Progressive Communications", "ZA"),
    ],
    OrganisationKind.PRIVATE_SECTOR: [
        ("Microsoft", "US"),
        ("Kaspersky", "RU"),
        ("Huawei Technologies", "CN"),
        ("Siemens", "DE"),
        ("Cisco Systems", "US"),
        ("Safaricom", "KE"),
        ("Mercado Libre", "AR"),
        ("Tata Consultancy Services", "IN"),
        ("NEC Corporation", "JP"),
        ("Orange Cyberdefense", "FR"),
        ("Telstra", "AU"),
    ],
    # Staff of international organisations: their nationality is drawn from the event's countries.
    OrganisationKind.REGIONAL_ORGANISATION: [
        ("ASEAN Secretariat", ""),
        ("African Union Commission", ""),
        ("Organization of American States", ""),
        ("Organization for Security and Co-operation in Europe", ""),
    ],
    OrganisationKind.UN_ENTITY: [
        ("Office for Disarmament Affairs", ""),
        ("United Nations Office on Drugs and Crime", ""),
        ("International Telecommunication Union", ""),
    ],
}
JOB_TITLES = {
    OrganisationKind.ACADEMIA: [
        "Professor of International Law",
        "Lecturer in International Relations",
        "Senior Researcher",
        "PhD Candidate",
    ],
    OrganisationKind.CIVIL_SOCIETY: ["Programme Manager", "Research Fellow", "Policy Analyst", "Executive Director"],
    OrganisationKind.PRIVATE_SECTOR: [
        "Director, Government Affairs",
        "Senior Manager, Digital Diplomacy",
        "Threat Intelligence Analyst",
        "Head of Public Policy",
    ],
    OrganisationKind.REGIONAL_ORGANISATION: ["Programme Officer", "Cybersecurity Coordinator", "Political Officer"],
    OrganisationKind.UN_ENTITY: ["Political Affairs Officer", "Programme Management Officer", "Associate Expert"],
}
EMAIL_DOMAIN = {OrganisationKind.GOVERNMENT: "example.org", OrganisationKind.PRIVATE_SECTOR: "example.com"}
DEFAULT_EMAIL_DOMAIN = "example.net"
SEED = "unidir-sectec-demo"
# The moment the demo describes: upcoming events have had registrations and decisions up to here.
DEMO_AS_OF = datetime.datetime(2026, 11, 24, 18, 0, tzinfo=datetime.UTC)

# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonSpec:
    first_name: str
    last_name: str
    email: str
    country: str
    organisation: str
    organisation_kind: str
    job_title: str
    gender: str
    consented_at: datetime.datetime


@dataclass
class PeopleGenerator:
    """Makes believable participants, the same ones on every run: every draw comes from one seeded
    generator in a fixed order, never from what the database already holds."""

    rng: random.Random
    serial: int = 0
    people: list[PersonSpec] = field(default_factory=list)

    def cohort(self, name: str, first_event: Event) -> list[PersonSpec]:
        size, countries_of_cohort, kinds, cover_countries = COHORTS[name]
        if cover_countries:
            # Everyone comes from one of the countries, and every one of the countries is there.
            chosen = list(countries_of_cohort)
            chosen += [self.rng.choice(countries_of_cohort) for _ in range(size - len(chosen))]
        else:
            chosen = [self.rng.choice(countries_of_cohort) for _ in range(size)]
        kind_names, weights = zip(*kinds.items(), strict=True)
        cohort = [self.person(country, self.rng.choices(kind_names, weights)[0], first_event) for country in chosen]
        self.people.extend(cohort)
        return cohort

    def person(self, country: str, organisation_kind: str, first_event: Event) -> PersonSpec:
        if organisation_kind == OrganisationKind.GOVERNMENT:
            organisation = self.rng.choice(GOVERNMENT_BODIES).format(country=un_countries.name_in_text(country))
            job_title = self.rng.choice(GOVERNMENT_JOB_TITLES)
        else:
            organisation, home = self.rng.choice(INSTITUTIONS[organisation_kind])
            country = home or country
            job_title = self.rng.choice(JOB_TITLES[organisation_kind])
        gender = self.gender()
        first_name, last_name = self.name(country, gender)
        self.serial += 1
        domain = EMAIL_DOMAIN.get(organisation_kind, DEFAULT_EMAIL_DOMAIN)
        return PersonSpec(
            first_name=first_name,
            last_name=last_name,
            email=f"{email_part(first_name)}.{email_part(last_name)}.{self.serial}@{domain}",
            country=country,
            organisation=organisation,
            organisation_kind=organisation_kind,
            job_title=job_title,
            gender=gender,
            consented_at=first_event.registration_opens_at + datetime.timedelta(minutes=self.rng.randint(30, 7200)),
        )

    def gender(self) -> str:
        roll = self.rng.random()
        if roll < 0.04:
            return Participant.Gender.PREFER_NOT_TO_SAY
        return Participant.Gender.FEMALE if roll < 0.51 else Participant.Gender.MALE

    def name(self, country: str, gender: str) -> tuple[str, str]:
        pool = NAME_POOLS[name_pool_of(country)]
        as_female = gender == Participant.Gender.FEMALE or (
            gender == Participant.Gender.PREFER_NOT_TO_SAY and self.rng.random() < 0.5
        )
        first_names = split_names(pool["female"] if as_female else pool["male"])
        last_names = split_names(pool["last_female"] if as_female and "last_female" in pool else pool["last"])
        return self.rng.choice(first_names), self.rng.choice(last_names)


def split_names(names: str) -> list[str]:
    return [name.strip() for name in names.split(",")]


def name_pool_of(country: str) -> str:
    if country in NAME_POOL_OF_COUNTRY:
        return NAME_POOL_OF_COUNTRY[country]
    return {
        "african": "east_african",
        "asia_pacific": "indian",
        "eastern_european": "balkan",
        "latin_american_caribbean": "hispanic",
    }.get(un_countries.regional_group_of(country), "anglo")


def email_part(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join("".join(c for c in word if c.isalnum()) for word in ascii_name.lower().split())
