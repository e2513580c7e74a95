-- Demo data 040: action plans (Rebuilding Trust, STRIDE, Deputy
-- Commissioner's Delivery Group, Mayor's Action Plan, VAWG, Turnaround,
-- Public Protection Improvement Plan), their headings, items, updates and
-- links to corporate risks.
-- Item titles are the commitments as the papers word them (the bold part of
-- each Rebuilding Trust priority); status is set only where a paper states it.

INSERT INTO action_plans (id, code, title, owner, owner_role_id, published, date_precision, description, source_id) VALUES
  (1, 'RBT', 'Rebuilding Trust - Immediate priorities', 'Commissioner; delivery coordinated full-time by Commander Rachel Williams', 1,
   '2021-10-01', 'month',
   'The Met''s immediate priorities to raise standards and improve its culture, around three objectives: raising standards, improving our culture and doing our job well. Overseen by the Rebuilding Trust Management Board.', 400),
  (2, 'RBT2', 'Rebuilding Trust plan (December 2021)', NULL, NULL,
   '2021-12-01', 'month',
   'Second Rebuilding Trust plan. With the October 2021 plan it makes 20 immediate priorities (seed 000 para 1.7); its priorities are not listed in the seed papers.', 201),
  (3, 'COMMIT', 'Commissioner''s commitments in her letter to the Mayor of London of 4 February 2022', 'Commissioner', 1,
   '2022-02-04', 'day',
   'Sixteen further commitments; after the Commissioner announced she would step aside the Met decided to progress 15 of the 16 (seed 000 para 1.8).', 201),
  (4, 'STRIDE', 'STRIDE - Strategy for Inclusion, Diversity and Engagement 2021-25 and action plan', 'AC Professionalism (STRIDE Delivery Board chair)', 4,
   '2021-09-01', 'month',
   'Sets out how everyone who lives, works and visits London feels and stays safe, how Met people can flourish, and how the Met will attract Londoners in all their diversity to work for it. Published late September 2021.', 108),
  (5, 'DCDG', 'Deputy Commissioner''s Delivery Group', 'Deputy Commissioner', 2,
   NULL, NULL,
   'Set up in Autumn 2020 (established November 2020 per the AGS) to support black officers and improve relations between the Met and London''s black communities; its four strands help deliver the STRIDE priorities.', 110),
  (6, 'MAP', 'Mayor''s Action Plan', NULL, NULL,
   NULL, NULL,
   'Mayor''s Action Plan delivered with MOPAC to address gaps in trust and confidence; 23 actions for the Met. Progress reported through the MOPAC MPS Oversight Board.', 110),
  (7, 'VAWG', 'Violence Against Women and Girls Action Plan', NULL, NULL,
   '2021-11-01', 'month',
   'Published early November 2021, bringing together the Met''s work on violence against women and girls; further engagement with a view to a final plan by Spring 2022.', 109),
  (8, 'TURNAROUND', 'Turnaround Plan', NULL, NULL,
   '2023-01-01', 'month',
   'Draft published January 2023; being updated in light of Baroness Casey''s final report and consultation, with an updated plan planned for May 2023. The April 2023 update covers two of its programmes: Raising Standards and Strongest Ever Neighbourhood Policing.', 300),
  (9, 'PPIP', 'Public Protection Improvement Plan', NULL, NULL,
   NULL, NULL,
   'New Public Protection Improvement Plan across five priority areas (seed 003).', 403);

INSERT INTO plan_headings (id, plan_id, seq, title, source_id) VALUES
  (1,  1, 1, 'Raising standards', 401),
  (2,  1, 2, 'Improving our culture', 402),
  (3,  1, 3, 'Doing our job well - protecting women and girls', 403),
  (4,  7, 1, 'Protecting women and girls in public spaces, at home and online', 109),
  (5,  7, 2, 'Working with our partners and with women to improve prevention and victim care', 109),
  (6,  7, 3, 'Bringing offenders to justice and improving criminal justice outcomes for victims', 109),
  (7,  7, 4, 'Improving Met culture and professional standards', 109),
  (8,  8, 1, 'Raising Standards: we will raise standards and improve our culture', 301),
  (9,  8, 2, 'Strongest Ever Neighbourhood Policing (SENP)', 304),
  (10, 8, 3, 'Refreshing the Turnaround Plan and responding to the Casey Review', 305),
  (11, 8, 4, 'More trust: activity over the next three months', 305),
  (12, 9, 1, 'Child abuse', 403),
  (13, 9, 2, 'Rape and sexual offences (including indecent exposure)', 403),
  (14, 9, 3, 'Domestic abuse', 403),
  (15, 9, 4, 'Hate crime', 403),
  (16, 9, 5, 'Missing people', 403);

-- Rebuilding Trust immediate priorities (seed 003). The document shows 13
-- commitments in bold; seed 001 para 1.15 speaks of 12 immediate priorities.
INSERT INTO action_items (id, plan_id, heading_id, seq, title, detail, owner, due_text, status, source_id) VALUES
  (1, 1, 1, 1, 'Complete an urgent review of all current investigations into allegations of sexual misconduct and domestic abuse against our officers and staff',
   'To make certain that those who made the allegations are being properly supported and the investigations are comprehensive, including a thorough review of the vetting history of those under investigation.', NULL, NULL, NULL, 401),
  (2, 1, 1, 2, 'Urgently dip sample cases from the last 10 years',
   'Where sexual misconduct and domestic abuse allegations have been made and those accused remain in the Met, to ensure appropriate management measures (including vetting reviews) have been taken.', NULL, NULL, NULL, 401),
  (3, 1, 1, 3, 'Commission a root and branch review of the Parliamentary and Diplomatic Protection Command',
   'With strong external challenge and a particular focus on recruitment, vetting, culture, professional standards and supervision.', NULL, NULL, NULL, 401),
  (4, 1, 1, 4, 'Increase the number of investigators within our dedicated unit investigating police misconduct (Professional Standards department)',
   'To strengthen proactive capability; and create a new dedicated team focused on the investigation of allegations of sexual misconduct and domestic abuse.', NULL, NULL, NULL, 401),
  (5, 1, 1, 5, 'Respond quickly to the findings or recommendations from the review work being undertaken by HMICFRS on our vetting processes',
   NULL, NULL, NULL, NULL, 401),
  (6, 1, 1, 6, 'Expedite the rollout of new warrant cards',
   'And urgently explore the capability for the public to scan new passes to confirm authenticity.', NULL, NULL, NULL, 401),
  (7, 1, 1, 7, 'Require all Line Managers to speak to every officer and staff member to reinforce the standards that must be upheld',
   'On misuse of social media and messaging apps, predatory behaviours and a proactive duty to stop inappropriate behaviours; strengthened by a sustained internal communications campaign.', NULL, NULL, NULL, 401),
  (8, 1, 2, 8, 'Deliver Operation Signa - an internal programme to ensure our people actively intervene and challenge inappropriate behaviours',
   'Built on the feedback of women in the Met, to increase confidence in reporting sexual harassment and unacceptable conduct.', NULL, NULL, NULL, 402),
  (9, 1, 2, 9, 'Shortly complete delivery of the next phase of our leadership programme (Leading for London)',
   'Current campaign on inclusive leadership, followed by a campaign on high performing (and inclusive) teams.', NULL, NULL, NULL, 402),
  (10, 1, 2, 10, 'Actively address any differential outcomes we see in Staff Survey returns',
   'Looking at all protected characteristics, in particular gender and race.', NULL, NULL, NULL, 402),
  (11, 1, 2, 11, 'Continue to invest in leadership development for women and underrepresented groups',
   'Seeking promotion and/or lateral development, including workshops and coaching/mentoring structures.', NULL, NULL, NULL, 402),
  (12, 1, 2, 12, 'Rewrite our flexible working policy',
   'To support the employment of the workforce, especially women; with a retention taskforce using exit interview analysis.', NULL, NULL, NULL, 402),
  (13, 1, 3, 13, 'Publish our refreshed action plan for the police response in London to tackling Violence against Women and Girls',
   'In the coming weeks (October 2021).', NULL, NULL, NULL, 403);

INSERT INTO action_items (id, plan_id, heading_id, seq, title, detail, owner, due_text, status, source_id) VALUES
  (20, 3, NULL, 1, 'Commitment requiring a significant investment decision (100 officers and staff)',
   'Put on hold for the foreseeable future; an alternative way of achieving some of its effect is being sought. The other 15 commitments are not listed in the seeds.', NULL, NULL, 'on_hold', 201);

INSERT INTO action_items (id, plan_id, heading_id, seq, title, detail, owner, due_text, status, source_id) VALUES
  (30, 4, NULL, 1, 'Publish the STRIDE strategy and action plan', 'Launched during National Inclusion Week (w/c 25 September 2021).', NULL, NULL, 'complete', 108),
  (31, 4, NULL, 2, 'Set an annual implementation plan, with a refreshed Action Plan for 2022/23', 'Embedding changes effected through the Deputy Commissioner''s Delivery Group and the Mayor''s Action Plan to reduce gaps in trust and confidence.', NULL, '2022/23', NULL, 522),
  (32, 4, NULL, 3, 'Consult Tier 1 partners and stakeholders on the strategy and the content of the next plan', NULL, 'Cdr Helen Harper', NULL, 'in_progress', 512);

INSERT INTO action_items (id, plan_id, heading_id, seq, title, detail, owner, due_text, status, source_id) VALUES
  (40, 5, NULL, 1, 'Improve the sense of inclusion, support and opportunity for black officers and staff', NULL, NULL, NULL, NULL, 110),
  (41, 5, NULL, 2, 'Identify and challenge any barriers within recruitment and promotion processes', NULL, NULL, NULL, NULL, 110),
  (42, 5, NULL, 3, 'Further improve trust and confidence for policing encounters, including those involving the use of force', NULL, NULL, NULL, NULL, 110),
  (43, 5, NULL, 4, 'Engage with key community members and stakeholders on these issues', NULL, NULL, NULL, NULL, 110);

INSERT INTO action_items (id, plan_id, heading_id, seq, title, detail, owner, due_text, status, source_id) VALUES
  (50, 6, NULL, 1, 'Publish the Met handcuffing policy', 'Named as recent progress among the Met''s 23 actions; the other actions are not listed in the seeds.', NULL, NULL, 'complete', 110);

-- VAWG plan: operational strands and work named in the seeds. The papers do
-- not place them under the plan's four headings, so heading_id is NULL.
INSERT INTO action_items (id, plan_id, heading_id, seq, title, detail, owner, due_text, status, source_id) VALUES
  (60, 7, NULL, 1, 'Engage further on the plan and publish a final plan', NULL, NULL, 'Spring 2022', NULL, 109),
  (61, 7, NULL, 2, 'Autumn Nights', 'Operational strand publicised to build confidence.', NULL, NULL, NULL, 109),
  (62, 7, NULL, 3, 'Operation Vigilant', 'Operational strand publicised to build confidence.', NULL, NULL, NULL, 109),
  (63, 7, NULL, 4, 'Ask for Angela', 'Refreshed campaign with Safer Sounds and night-time economy venues (alert system with the licensing trade), pushed during training.', NULL, NULL, NULL, 109),
  (64, 7, NULL, 5, 'Pilot a GPS tagging system for high-risk domestic abuse perpetrators', 'In partnership with the Probation Service and MOPAC.', NULL, NULL, 'in_progress', 403),
  (65, 7, NULL, 6, 'Work with the hospitality sector and the night-time economy', 'To raise awareness of how they can help tackle behaviours in their premises to keep women safe and feeling safe.', NULL, NULL, 'in_progress', 403),
  (66, 7, NULL, 7, 'Safer Street app pilot', 'To understand where members of the public flag places they feel unsafe, and why.', NULL, NULL, 'in_progress', 403),
  (67, 7, NULL, 8, 'Operation Soteria pilot force', 'With the Home Office and MOPAC: a new approach to rape and sexual offence investigations focused on repeat offenders.', NULL, NULL, 'in_progress', 403),
  (68, 7, NULL, 9, 'Walk and Talk sessions on every BCU', 'Women join officers to help identify areas where they do not feel safe.', NULL, NULL, 'complete', 522);

-- Turnaround Plan (seed 002, April 2023).
INSERT INTO action_items (id, plan_id, heading_id, seq, title, detail, owner, due, due_text, status, source_id) VALUES
  (80, 8, 8, 1, 'Operation Onyx: address legacy cases',
   'Review identified 689 previously completed cases with possible new or missed lines of enquiry and 196 where officers or staff need urgent risk assessments or vetting reviews. Phase 2 began on 1 April 2023: every case referred to an independent oversight panel (including VAWG experts); live cases investigated by the specialist domestic abuse and sexual offences team.',
   NULL, NULL, NULL, 'in_progress', 301),
  (81, 8, 8, 2, 'Do more investigations: invest an additional 150 people',
   'Enabling more cases to be investigated, more officers suspended and dismissed, and cases heard faster and at higher volume.', NULL, NULL, NULL, 'complete', 302),
  (82, 8, 8, 3, 'Design a Directorate of Culture, Diversity and Inclusion operating model (High Level Design)',
   'The external Turnaround Board has been consulted on the design.', NULL, NULL, NULL, 'in_progress', 303),
  (83, 8, 8, 4, 'Recruit a Director of Culture', NULL, NULL, NULL, 'April/early May 2023', 'planned', 303),
  (84, 8, 8, 5, 'Draft a London Race Action Plan',
   'Shared with external partners in the Attraction Community Reference Group on 13 April 2023.', NULL, NULL, NULL, 'in_progress', 303),
  (85, 8, 9, 6, 'Recruit and allocate an additional 500 PCSOs using approved MOPAC funding for FY 23/24',
   'The 500 PCSO vacancies are expected to be fully filled in 2024.', NULL, NULL, '2024', 'in_progress', 304),
  (86, 8, 9, 7, 'Recruit 20 additional superintendents, so there is a superintendent in every borough',
   'Recruitment complete; in post in April 2023.', NULL, NULL, 'April 2023', 'complete', 304),
  (87, 8, 9, 8, 'Local analysis of demand: review crime, risk, harm and demand profiles across all London wards and boroughs',
   'To identify the highest priority areas in each borough.', NULL, NULL, NULL, 'in_progress', 304),
  (88, 8, 9, 9, 'Supervisory ratios: move to 1 inspector to 6 officers in BCUs (from 1 in 10)', NULL, NULL, NULL, 'by 2024', 'planned', 304),
  (89, 8, 9, 10, 'Community engagement and listening: events in all 12 BCUs and senior-officer-led sessions in all 32 boroughs',
   'BCU events planned for May 2023; borough sessions throughout the year.', NULL, NULL, 'May 2023 onwards', 'planned', 304),
  (90, 8, 10, 11, 'Engage on the draft Turnaround Plan',
   'More than 10,000 people engaged; public engagement extended by a month to 21 April 2023.', NULL, '2023-04-21', NULL, 'complete', 305),
  (91, 8, 10, 12, 'Publish an updated Turnaround Plan responding to Baroness Casey''s findings, including her 16 recommendations', NULL, NULL, NULL, 'May 2023', 'planned', 305),
  (92, 8, 11, 13, 'A major cultural programme to address and root out prejudice and discrimination in all its forms', NULL, NULL, NULL, 'next three months', 'planned', 305),
  (93, 8, 11, 14, 'Stop and Search Charter, as recommended in Baroness Casey''s review', NULL, NULL, NULL, 'next three months', 'planned', 305),
  (94, 8, 11, 15, 'VAWG Action Plan: launch a new action plan and operating model; work with MOPAC to improve understanding of RaSSO offences in London', NULL, NULL, NULL, 'next three months', 'planned', 305),
  (95, 8, 11, 16, 'Lawful monitoring: mandatory app on all mobile phones to monitor WhatsApp usage',
   'Lawful Business Monitoring capability fully operational by July 2023.', NULL, NULL, 'July 2023', 'in_progress', 305),
  (96, 8, 11, 17, 'Crime reporting: public comms strategy on online reporting of crime to 999 and 101', NULL, NULL, NULL, 'next three months', 'planned', 305),
  (97, 8, 11, 18, 'Fundamentally change the way we understand London and engage the public',
   'Address the Casey recommendations on recognising and apologising for past failings.', NULL, NULL, 'next three months', 'planned', 305),
  (98, 8, 11, 19, 'Smartphone rollout to frontline officers and staff', '26,152 phones rolled out; meeting its target at pace.', NULL, NULL, NULL, 'in_progress', 305),
  (99, 8, 11, 20, 'Precision Stop & Search Pilot, using control areas, to assess effectiveness', NULL, NULL, NULL, 'next three months', 'planned', 305);

INSERT INTO action_items (id, plan_id, heading_id, seq, title, detail, owner, due_text, status, source_id) VALUES
  (110, 9, 14, 1, 'Complete delivery of new specialist training on domestic abuse to over 8,000 frontline constables and sergeants', NULL, NULL, NULL, NULL, 403);

INSERT INTO action_updates (item_id, as_of, text, status, rag, source_id) VALUES
  (7,  '2022-01-17', 'A cascade on three key expectations on standards (appropriate boundaries, use of social media and actively intervening) has taken place across the Met, supplemented by follow-up communication and engagement.', NULL, NULL, 108),
  (13, '2022-01-17', 'VAWG Action Plan published in early November 2021.', 'complete', NULL, 109),
  (60, '2022-01-17', 'Currently engaging further on the plan with a view to a final plan by Spring 2022.', 'in_progress', NULL, 109),
  (60, '2022-07-04', 'The Met consulted on, and published, its action plan to tackle violence against women and girls.', 'complete', NULL, 522),
  (30, '2022-07-04', 'Performance measured through the STRIDE Delivery Board, chaired by AC Professionalism and attended by MOPAC and external groups including IAGs; progress is good. To be further embedded into CPIE processes.', 'complete', NULL, 512),
  (50, '2022-01-17', 'Progress continued at pace across the 23 actions for the Met in the Mayor''s Action Plan, including the recent publication of the handcuffing policy.', 'complete', NULL, 110),
  (20, '2022-03-28', 'Put on hold for the foreseeable future following the Commissioner''s announcement that she will step aside.', 'on_hold', NULL, 201),
  (80, '2023-04-28', 'Phase 2 began on 1 April 2023.', 'in_progress', NULL, 301);

-- Links to corporate risks, where a paper ties a plan to a risk:
-- seed 001 para 1.8 (Rebuilding Trust -> risk 3 STANDARDS); paras 1.11-1.23
-- (STRIDE, Rebuilding Trust, VAWG, DCDG and the Mayor's Action Plan are
-- controls for risk 10 LEGITIMACY); para 1.7 (StrIDE under risk 9).
INSERT INTO action_item_risks (item_id, risk_id, source_id)
  SELECT id, 3, 106 FROM action_items WHERE plan_id = 1;
INSERT INTO action_item_risks (item_id, risk_id, source_id)
  SELECT id, 10, 108 FROM action_items WHERE plan_id IN (1, 4);
INSERT INTO action_item_risks (item_id, risk_id, source_id)
  SELECT id, 9, 105 FROM action_items WHERE plan_id = 4;
INSERT INTO action_item_risks (item_id, risk_id, source_id)
  SELECT id, 10, 109 FROM action_items WHERE plan_id = 7;
INSERT INTO action_item_risks (item_id, risk_id, source_id)
  SELECT id, 10, 110 FROM action_items WHERE plan_id IN (5, 6);
