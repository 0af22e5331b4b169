"""English lexicons: event categories with their subtypes, and the cue lists.

Weights: 2.5 names the category on its own ("landmine", "mercenaries", "arms embargo"); 1.5-2
usually does; 0.5-1 only helps; 0 only suggests a subtype once the category is established.
A sentence needs 1.0 in a category to be an event. See :mod:`raqib.osint.extract.patterns`.
"""

from __future__ import annotations

from raqib.osint.extract.patterns import parse

CATEGORIES = {
    "ceasefire_violation": parse("""
        2 armed_clash: clash*, gun battle*, firefight*, exchange* of fire, exchanged fire, skirmish*,
            armed confrontation*, heavy fighting, fierce fighting, fighting broke out, fighting erupted
        1.5 armed_clash: fighting, battles, hostilities resumed
        2 shelling: shelling, shelled, mortar*, bombard*, bombed, grad rocket*, grad missile*,
            rocket attack*, indiscriminate fire, katyusha*
        1.5 shelling: artillery, rocket*, missile*, projectile*, bombing
        2.5 air_or_drone_strike: airstrike*, air strike*, air raid*, drone strike*, drone attack*,
            aerial bombardment, struck by a drone, drones struck, warplanes struck
        1 air_or_drone_strike: warplane*, drone*, fighter jet*, unmanned aerial
        2 small_arms_fire: gunfire, opened fire, sniper*, shot dead, heavy gunfire, shootout*
        1.5 small_arms_fire: shooting, gunmen
        2.5 remote_explosive: car bomb*, suicide bomb*, roadside bomb*, ied attack*
        2 grenade: grenade*
        2 abduction: kidnap*, abduct*, forcibly disappeared, enforced disappearance
        2 attack_on_civilians: attack* on civilians, targeting civilians, targeted civilians,
            killed civilians, assassinat*
        1 -: attack*, attacked, targeted, hit, struck
        2.5 air_or_drone_strike: drone* ~ struck, drone* ~ hit, drone* ~ targeted, drone* ~ bombed
        1.5 forward_deployment: mobilis*, mobiliz*, military build up, military buildup, massing,
            amassed, reinforcements, troop movements, military convoy*, advanced towards,
            advanced toward, offensive
        0.5 forward_deployment: deployed, convoy*
        1.5 heavy_weapons: heavy weapons, tanks
        0.5 heavy_weapons: armoured vehicles, armored vehicles
        1.5 fortification: trench*, fortif*, earth berm*, sand berm*, berms, new position*
        2.5 uav_overflight: overflight*, reconnaissance flight*, flew over, spy drone*, hovered over
        2 uav_overflight: shot down ~ drone*, downed ~ drone*, shot down ~ aircraft
        2 territory_taken: seized control, took control, stormed, overran, recaptured, retook
        1.5 territory_taken: captured
        1.5 -/fact: ceasefire violation*, violation* of the ceasefire, breach* of the ceasefire,
            violated the ~ ceasefire, breached the ~ ceasefire, violated the ~ truce
    """),
    "foreign_forces": parse("""
        2.5 -: mercenar*, foreign fighter*, foreign forces, foreign troops, foreign combatants,
            foreign soldiers, foreign military personnel, wagner, syrian fighters, sudanese fighters,
            chadian fighters, turkish troops, turkish forces, turkish soldiers, russian troops,
            russian forces, russian soldiers, russian pmc, private military compan*,
            military contractors
        2 -: janjaweed, turkish officers, turkish advisers, turkish advisors, turkish military,
            russian military, military advisers, military advisors, military trainers
        1.5 -: rapid support forces, chadian rebels, pmc, foreign military
        0 arrival: arriv*, landed, brought in, flown in, sent to, new batch, transported, convoys
        0 departure: withdr*, depart*, left, pulled out, pullout, evacuat*, exit, leaving, leave
        0 relocation: redeploy*, relocat*, moved to, repositioned, transferred
        0 assembly: gathered, gathering, assembl*, concentrated
        0 training: training, trained, training camp
        0 base_activity: built, construct*, expand*, establish*, new base
        0 presence: present, presence, stationed, deployed, based in, estimated
    """),
    "explosive_hazard": parse("""
        2.5 -: landmine*, land mine*, minefield*, anti personnel mine*, anti tank mine*, mine action,
            mine blast*, mine explosion*, mine exploded, on a mine
        1.5 -: mines, explosives
        2.5 clearance: mine clearance, demining, de mining, deminers, mine clearing
        2.5 uxo_sighting: explosive remnants, war remnants, remnants of war, erw, unexploded, uxo
        2 uxo_sighting: ordnance
        2.5 ied_sighting: booby trap*, explosive trap*, improvised explosive*, ieds
        2 ied_sighting: ied, explosive device*
        0 eo_accident: exploded, explosion, blast, killed, died, wounded, injured, victims, amputat*
        0 clearance: clear*, removed, removing, removal, dismantl*, defus*, destroyed, disposal, survey*,
            recovered, collected
        0 new_laying: planted, laid, laying
        0 mine_sighting: found, discovered, spotted
    """),
    "embargo_violation": parse("""
        2.5 -: arms embargo, weapons embargo, arms shipment*, weapons shipment*, shipment* of arms,
            shipment* of weapons, arms deliver*, weapons deliver*, arms transfer*, arms flow*
        2.5 -/fact: violat* ~~ embargo, breach* ~~ embargo, flout* ~~ embargo
        3 -: financ* ~ mercenar*, fund* ~ mercenar*, recruit* ~ mercenar*, provision of ~ mercenar*
        1.5 -: embargo
        2 air_shipment: military cargo, cargo flight*, air bridge, military flights
        1.5 air_shipment: cargo plane*, airlift*, ilyushin, antonov, il 76
        2 interdiction: irini, eunavfor
        1.5 interdiction: boarded, intercepted
        1 interdiction: inspected, inspection, diverted, boarding
        0.5 interdiction: seized
        1.5 sea_shipment: cargo ship*, freighter
        0.5 sea_shipment: vessel*, ship, ships
        1.5 materiel_sighting: air defence system*, air defense system*, pantsir, jet fuel, mig 29*,
            su 24*, sukhoi, bayraktar*, wing loong
        1 materiel_sighting: military equipment
        1 land_shipment: smuggl*
        0.3 land_shipment: trucks
        0.5 -: weapons, arms
    """),
    "movement_restriction": parse("""
        2.5 denial: denied access, denied entry, refused access, access was denied, turned back
        2 denial: refused permission, permission to land, landing permission, restrictions on movement
        1.5 denial: prevented, blocked, barred, obstruct*, not allowed, freedom of movement
        1 denial: restrict*, checkpoint*
        1 conditional_access: escort, conditional, on condition
        1.5 delay: delayed, held for
        1.5 threat_or_violence: threaten*, shot at, fired at, harass*, intimidat*
        2 uav_interference: jamm*
    """),
    "political": parse("""
        2 agreement/act: reached an agreement, agreement was signed, announced a ceasefire,
            declared a ceasefire, action plan
        1.5 agreement/act: agreed, signed, signing, approved, endorsed, proposed, proposal
        1 agreement/act: accepted, rejected, adopted, decided
        0.5 agreement/act: decision, called on, called for, resolution
        0.5 agreement: deal, ceasefire agreement
        1.5 agreement: talks, negotiations, meeting*, met, convened, summit, visit*, delegation,
            monitoring mechanism, advance team
        1 agreement: conference, dialogue, monitoring team
        0.5 agreement: joint military commission, military commission, jmc, 5+5
        2.5 agreement: monitor* ~ arriv*, observer* ~ arriv*, deployment of monitors
        2.5 detainee_exchange: prisoner* exchange, exchange of prisoners, prisoner swap,
            detainee* exchange, exchange of detainees, detainee swap, swap of ~ prisoners,
            swap of ~ detainees, exchanged ~ prisoners, exchanged ~ detainees, released ~ prisoners,
            released ~ detainees,
            freed ~ prisoners, release of ~ prisoners, release of ~ detainees
        1.5 arrest: arrested, arrests
        1 arrest: detained
        2.5 hate_speech: hate speech, media escalation
        1.5 hate_speech: incitement
        1.5 route_reopening: reopen*, re open*, road ~ opened, closed the road, road closure,
            resum* ~ flights, flights ~ resumed
        1 route_reopening: coastal road, airspace
        2 demonstration: protesters, sit in
        1.5 demonstration: protest*, demonstration*
    """),
    "other": parse("""
        1.5 -: checkpoint*, roadblock*, state of emergency
        2 -: cut ~ communications, communications ~ cut, internet ~ cut, curfew
        1 -: blackout, telecommunications, raid*
    """),
}

MODAL = parse("""
    1 -: would, will, could, might, should, must, expected to, plan to, plans to, planned to,
        intend*, going to, aim to, aims to, urged, urging, urge, calls on, call on, called on,
        called for, demand*, if, unless, any attempt, ready to, prepared to, threaten* to, hope*,
        hoping, possible, likely, next week, upcoming, scheduled, set to, to be held, want to, wants to,
        calling for, promis*, no sign of, not yet, did not, has not, have not, had not, without any,
        reluctant, refus* to, would not, will not
""")
PURPOSE = parse("""
    1 -: to monitor, to verify, to oversee, to supervise, to observe, tasked with, in charge of,
        mandate*, reporting on, report on, to ensure, to facilitate, to discuss, to assess,
        to prepare, aimed at, to pave the way, responsible for, to help, in order to
""")
MONITORS = parse("""
    1 -: monitor*, observer*, unsmil, united nations, un, u n, mission, patrol*, inspector*,
        international staff, joint military commission, jmc, 5+5
""")
ANCHORS = parse("""
    1 -: ceasefire, cease fire, truce, hostilities, military, security, armed, forces, troops,
        mercenar*, foreign fighters, monitors, monitoring, jmc, 5+5, joint military, weapons,
        arms, embargo, militia*, clash*, mines, landmine*, unsmil, war, conflict, prisoners,
        detainees, coastal road, withdrawal, demilitar*
""")
LIBYA = parse("""
    1 -: libya, libyan*, haftar, hifter, gna, lna, laaf, unsmil, sarraj, serraj, dbeibah, dbeiba,
        bashagha, aguila saleh, menfi, misrata, misurata, benghazi, sirte, jufra
""")
ELSEWHERE = parse("""
    1 -: syria, damascus, idlib, hama, aleppo, daraa, raqqa, deir ez zor, yemen, yemeni, houthi*,
        sanaa, hodeidah, taiz, marib, aden, lebanon, beirut, gaza, israel, israeli, palestin*,
        lebanese, tabbaneh, ukraine, ukrainian, donbas, kyiv, karabakh, armenia, azerbaijan, sudan, khartoum, tigray,
        ethiopia, somalia, iraq, afghanistan, myanmar, colombia, congo, assad
""")
