-- Demo data 050: Governance Improvement Plans (seed 004).
--  * The six 2021/22 improvement areas (Appendix 1 for areas 1-5; area 6's
--    appendix pages are not in the seed text, so it is built from the
--    covering report para 1.7 and AGS section 1).
--  * Their findings, assurance mapping (Levels 1-3), actions with lead,
--    timescale and the quarterly update reported in July 2022.
--  * The actions carried forward (para 1.8 table, by CIPFA principle).
--  * The areas proposed for 2022/23 ("Areas in which we will pursue
--    improvement in 2022/23" in each AGS section).
-- The plans' "Status (Red Amber Green)" column is empty in the extracted
-- text, so improvement_actions.rag is NULL throughout. status is set only
-- where the update says the action is complete/established ('complete'),
-- paused ('on_hold'), or underway/continuing ('in_progress').
-- due is the last day of the period the timescale names (derived; NULL when
-- the timescale names no datable period).

INSERT INTO improvement_areas (id, year, number, title, aim, owner_role_id, status, related_risk_note, note, source_id) VALUES
  (1, '2021/22', 1, 'Capability, Learning and Development',
   'We have clear and effective governance arrangements to develop the capability we, and our workforce, need to address demand.',
   4, NULL, 'Risk 2 New Systems / Risk 4 People / Risk 5 Capability', NULL, 510),
  (2, '2021/22', 2, 'Organisational Learning (OL)',
   'We are a learning organisation. We learn from our experiences and from others to improve what we do, supported by good governance and by a culture sustaining transparency and trust.',
   4, NULL, 'Risk 3 Standards / Risk 5 Capability', NULL, 511),
  (3, '2021/22', 3, 'Public and Partner Engagement',
   'The Met is a trusted partner, we are effective in mobilising partners to keep London safe for everyone. We build relationships and engage with communities across London, to prevent crime and inspire trust and confidence in policing.',
   NULL, NULL, 'Risk 1 Violent Crime / Risk 8 Crime Prevention / Risks 9 Public & Local Engagement',
   'Governance area owner cell is empty in the extracted text.', 512),
  (4, '2021/22', 4, 'Assurance Controls Level 2 and 1',
   'Senior Leaders have assurance that the right controls are in place and are working effectively at all levels of the organisation.',
   NULL, NULL, 'N.A.', 'Governance area owner cell is empty in the extracted text.', 513),
  (5, '2021/22', 5, 'Data Management',
   'To raise the Met''s data competence (the means by which we acquire, manage, share, protect, publish and use our data to improve decision making) and data culture (the way we think about and behave with regard to data and its value as an asset).',
   14, NULL, 'Data Risk remitted to Data Board.', NULL, 514),
  (6, '2021/22', 6, 'Competence and Standards of Professionalism',
   NULL, NULL, NULL, NULL,
   'The appendix pages for this area (aim, owner, assurance mapping, action table) are not in the seed text; actions are taken from the covering report para 1.7 and AGS section 1.', 501);

INSERT INTO improvement_area_leads (area_id, role_id, seq, as_written, source_id) VALUES
  (1, 12, 1, 'Director Learning', 510),
  (2, 21, 1, 'Director, CPIC', 511),
  (2, 22, 2, 'Head of Org. Learning', 511),
  (3, 23, 1, 'Commander - Crime Prevention, Inclusion and Engagement', 512),
  (4, 21, 1, 'Director, CPIC working with Heads of Profession', 513),
  (4, 18, 2, 'Heads of Profession', 513),
  (5, 20, 1, 'Director of Data', 514);

INSERT INTO improvement_area_risks (area_id, risk_id, source_id) VALUES
  (1, 2, 510), (1, 4, 510), (1, 5, 510),
  (2, 3, 511), (2, 5, 511),
  (3, 1, 512), (3, 8, 512), (3, 9, 512);

INSERT INTO improvement_area_principles (area_id, principle, source_id) VALUES
  (1, 'E', 510),
  (2, 'E', 511),
  (3, 'B', 512), (3, 'C', 512),
  (4, 'E', 513), (4, 'F', 513), (4, 'G', 513),
  (5, 'D', 514), (5, 'G', 514),
  (6, 'A', 521);

-- "AGS 2020-21 and risks findings we are aiming to address".
INSERT INTO improvement_findings (area_id, seq, text, source_id) VALUES
  (1, 1, 'Delivery of our significant Change Programme on Learning (P8)', 510),
  (1, 2, 'Progress implementation of the Learning Management System', 510),
  (1, 3, 'Met''s 2020/21 Statement of Internal Control review flagged that only 49% of respondents have "confidence that processes to identify the skills and abilities needed in my area of responsibility are effective and that our recruitment, training and learning and development processes deliver the capability and leadership we need"', 510),
  (2, 1, 'Embedding the new OL framework, to help us identify, analyse and socialise knowledge and learning across the Met and with our partners, evaluating what works to improve practice', 511),
  (2, 2, 'Progress the implementation of OL Hubs across the Met', 511),
  (2, 3, 'Processes for research partnerships and co-governance including MOU, Information Sharing protocols and third party contracts, academic bursary scheme', 511),
  (3, 1, 'Strengthen and develop the London Safety Centre, building on the agreed vision paper', 512),
  (3, 2, 'Establish clear partnership priorities, work effectively with partners to bear down on violence; and develop operational partnerships', 512),
  (3, 3, 'Roll out of Positive Activity Initiatives across all BCUs', 512),
  (3, 4, 'Increase dialogue with communities on specific issues to build trust (e.g. tactics such as Stop and Search)', 512),
  (3, 5, 'Capture Engagement Activity: The HMICFRS'' 2019 Integrated PEEL inspection (Legitimacy: Good) suggested the Met did not centrally monitor engagement activity', 512),
  (3, 6, 'Delivery and implementation of a refreshed Inclusion, Diversity and Equality Strategy (STRIDE) and governance mechanisms', 512),
  (3, 7, 'Roll out ''Police Encounter'' panels across London from April 2021', 512),
  (4, 1, 'Embed the Continuous Policing Improvement Command (CPIC) changes and its role to strengthen the Met assurance framework at Level 2 [DARA CPIC Assurance Framework and Organisational Learning]', 513),
  (4, 2, 'Review policies to ensure they are up-to-date, consistent and clear (based on APPs). For example, perform a review of all Public Protection policies by the autumn. With a standard layout, this will better align to national guidance & show where, how and why we might deviate. This will support & guide frontline officers & supervisors, strengthening of Level 1 Assurance.', 513),
  (4, 3, 'Strengthening of operational decision-making and performance monitoring at command levels (Assurance Level 1)', 513),
  (4, 4, 'Improve consistency and management of Disclosure', 513),
  (4, 5, 'Strengthen Risk Maturity following RM survey, introducing better proportionality of decision-making in relation to risks, so the organisation''s assurance capabilities can focus on higher risk items', 513),
  (5, 1, 'Continue progress in improving central data capability (drive data quality; access to data; data analysis; relevant and timely data)', 514),
  (5, 2, 'Redesign the corporate data products portal to provide the right level of data, to the right people through the portal re-design', 514),
  (5, 3, 'Develop an Open Data Strategy, broadening what Londoners and our partners can access directly (with relevant security measures)', 514),
  (5, 4, 'Completion of the Information Asset Register project driven by the Data Office, will support overall business continuity planning, and facilitate corporate oversight, via the Resilience Committee', 514),
  (5, 5, 'Raise compliance with VCOP requirements (supported by CRIS integration completion in Q1 2021)', 514);

-- Assurance mapping. Areas 1 and 4 are legible (one rating per level, in
-- level order). For areas 2, 3 and 5 the extracted cells are interleaved and
-- fewer ratings than levels survive, so rag is NULL with the raw letters noted.
INSERT INTO improvement_assurance (area_id, level, rag, evidence, note, source_id) VALUES
  (1, 1, 'amber',
   'Strategic Learning and Development Board (co-chaired by the Commander Learning and Development and the Head of Curriculum/Learning Technology); Extended Learning and Development SLT chaired by Director - Learning', NULL, 510),
  (1, 2, 'green',
   'People & Learning Board (chaired by Deputy Commissioner); Learning and Development Executive Steering Group (chaired by AC Professionalism); P8 Programme Board (chaired by Director - Learning); Transformation infrastructure (Design Authority, Assurance Board etc.) supports the development of the TOM and Business case; Indicators monitored through Performance Framework: number of active users on LinkedIn Learning, completion rate for specified priority training area, content creation, and Staff Survey; LMS Project Board and Learning TOM Project Board (chaired by P8 Programme Director)', NULL, 510),
  (1, 3, 'amber', 'DARA AUDIT - Operational Training - L&D Framework (Advisory)', NULL, 510),
  (2, 1, NULL, NULL, 'Ratings illegible: the extracted text shows a single "G" for the three levels.', 511),
  (2, 2, NULL, NULL, 'Ratings illegible: the extracted text shows a single "G" for the three levels.', 511),
  (2, 3, NULL, 'DARA AUDIT - Organisation Learning Assurance; DARA FOLLOW-UP AUDIT - Organisational Learning and repositories; HMICFRS Recommendations; IOPC Learning Recommendations', 'Ratings illegible: the extracted text shows a single "G" for the three levels.', 511),
  (3, 1, NULL, NULL, 'Ratings illegible: the extracted text shows "G G" for the three levels.', 512),
  (3, 2, NULL, NULL, 'Ratings illegible: the extracted text shows "G G" for the three levels.', 512),
  (3, 3, NULL, 'DARA AUDIT - Met Engagement Governance Framework; DARA FOLLOW-UP AUDITS - Strategic Framework Supporting Partnership Arrangements/Agreements; STONEWALL Workplace Equality Index assessment; ''Disability Confident 3'' independent assessment; ''Inclusive Employers'' independent assessment; MOPAC scrutiny as part of the Police and Crime Plan', 'Ratings illegible: the extracted text shows "G G" for the three levels. Evidence items reassembled from interleaved text.', 512),
  (4, 1, 'amber',
   'The Director of Finance chairs a monthly meeting of relevant Directors and DAC Corporate Services, considering investment decisions and other matters due to go to Portfolio and Investment Board or the Investment Advisory Meeting.', NULL, 513),
  (4, 2, 'amber',
   'Quarterly MPS Public Protection Board chaired by AC FLP; Risk and Assurance Board focuses on the effectiveness of controls and the feed into organisational learning; Heads of Profession structure supports assurance in their areas.', NULL, 513),
  (4, 3, 'amber', 'HMICFRS PEEL and thematic inspections; DARA Audit and Reviews; IOPC Investigations and Recommendations; ICO oversight; Coroners Reports', NULL, 513),
  (5, 1, NULL, NULL, 'Ratings illegible: the extracted text shows "G A" for the three levels.', 514),
  (5, 2, NULL, NULL, 'Ratings illegible: the extracted text shows "G A" for the three levels.', 514),
  (5, 3, NULL, 'ICO Audit completed (July through November), assessment favourable; HMICFRS Crime Data Integrity Audit completed', 'Ratings illegible: the extracted text shows "G A" for the three levels.', 514);

-- Area 1 actions (lead Alex Walsh).
INSERT INTO improvement_actions (area_id, seq, action, lead, timescale, due, quarterly_update, update_as_of, status, rag, carried_forward, carry_forward_principle, carry_forward_note, source_id) VALUES
  (1, 1, 'Mobilisation of new Learning Target Operating Model (LTOM): Learning transformation programme (P8) will clarify processes, controls, ambitions and responsibilities',
   'Alex Walsh', 'Q1, 2022/23', '2022-06-30',
   'Dependency with LMS Go Live has resulted in re-profile of mobilisation date to Q2 2022/23. New L&D capabilities and services require the LMS to enable. Significant challenges filling specialist roles critical for creating new capability in L&D; external campaigns are not delivering as expected and are having to be re-run. This has caused slippage to the original plan, leading to new financial pressure (contingency arrangements involve the use of contractors) and operational risks. Work on new L&D business processes and governance arrangements is in full flight, due to conclude mid-July. Window for readiness checks and assurance before LMS Go Live running very tight; unplanned demand linked to Year 3 Growth (incl. extension of IPLDP delivery) adds complexity and risk.',
   '2022-07-04', 'in_progress', NULL, 1, 'E',
   'Dependency with LMS Go Live has resulted in re-profile of mobilisation date to Q2 2022/23. Significant challenges filling specialist roles critical for creating new capability in L&D. Work on new L&D business processes and governance arrangements is in full flight, and due to conclude mid-July.', 510),
  (1, 2, 'Move to a blended curriculum: creation of an infrastructure to allow learners to access digital content including on-demand at the point of need. Ability for training to be tailored to specific groups in line with assessed skills gaps. All training will be linked to master learner record in the LMS.',
   'Alex Walsh', 'Q1, 2022/23', '2022-06-30',
   'Range of new digital content rolled out showcasing potential of self directed digital learning (e.g. Full Access PNC, Agonal Breathing package, new handcuffing policy). Transformation of the core investigative training (PIP2) (targeting Nov 2022 launch) and the first line managers ''on promotion'' course (targeting Sept 2022 launch) continues, moving both from ''one and done'' face to face courses to blended learning development programmes. Dependency with LMS Go Live means full impact and benefits of the work to modernise and uplift the core operational curriculum cannot be realised until the LMS is live.',
   '2022-07-04', 'in_progress', NULL, 1, 'E',
   'Transformation of the core investigative training (PIP2) (targeting Nov 2022 launch) and the first line managers ''on promotion'' course (targeting Sept 2022 launch) continues.', 510),
  (1, 3, 'Implementation of an integrated corporate Learning Management System (LMS) will deliver: a single master training record for all officers and staff; accurate and fully up to date MI on skills and capabilities; ability to target, close gaps and succession plan; the base infrastructure to modernise then transform the Met''s approach to learning.',
   'Alex Walsh', 'Q1, 2022/23', '2022-06-30',
   'LMS Go Live re-profiled to August following notable challenges with the build and testing of LMS / PSOP interface. LMS Go Live now planned for 22nd August with high delivery confidence assessment. SIT has completed, with SIT Exit on 20th May as planned; UAT commenced on 30th May as planned, with UAT Exit scheduled for 8th July. LTOM FBC financial case being updated for presentation back to PIB in July / August. Interface between the LMS and the Firearms Asset Management System is scheduled to go live in 2023 due to complexity of work and need to align with AMS implementation; lack of available PM from TD is putting notable pressure into this timeline which is now slipping.',
   '2022-07-04', 'in_progress', NULL, 1, 'E',
   'LMS Go-Live date re-profiled to August following challenges with the build and testing of LMS / PSOP interface. Interface between the LMS and the Firearms Asset Management System is scheduled to go live in 2023 due to complexity of work.', 510);

-- Area 2 actions (lead Paul Clarke / Ross Daniels).
INSERT INTO improvement_actions (area_id, seq, action, lead, timescale, due, quarterly_update, update_as_of, status, rag, carried_forward, carry_forward_principle, carry_forward_note, source_id) VALUES
  (2, 1, 'Embedding an enhanced Organisational Learning and Research function in CPIC',
   'Paul Clarke/ Ross Daniels', 'Q2 2022/23', '2022-09-30',
   'The Met''s Corporate OL and Research function is established within CPIC, comprising an OL implementation team and a Research Faculty. OL implementation continues to be focused on four areas: implementing the OL framework; systemising information, knowledge and memory; learning from high harm/risk; and embedding a culture of learning. Significant resource constraints are impeding implementation progress, in lack of budget to recruit required capabilities for four OL project strands and in rebalancing the existing team. Expected resolution Q4 2022/23 (slippage from Q2).',
   '2022-07-04', 'in_progress', NULL, 1, 'F',
   'The Met''s Corporate OL and Research function is established within CPIC, but resource constraints are impeding progress on four OL project strands and in rebalancing the existing team. Expected resolution Q4 2022/23.', 511),
  (2, 2, 'Implementing BCU/OCU Organisational Learning Hubs across the MPS',
   'Paul Clarke/ Ross Daniels', 'Q4 2022/23', '2023-03-31',
   'Implementing the OL framework, developing our model into practice in a number of BCUs. SW and AS BCUs are operating. AW and CN commenced build in January 2022; SN and WA in process for Q2 2022/23. OCU implementation at Firearms, MO6, CT, IRSC, SCRG, DPS. Significant demand with 47 OL Hubs to establish. BCU capacity/lack of dedicated resource remains a key risk. Blueprint BWT negotiations for OL hub roles ongoing. Expected completion Q2 2023/24 (slippage from Q4 2022/23). OCU hub implementation currently paused due to resource constraints.',
   '2022-07-04', 'in_progress', NULL, 1, 'F',
   'SW and AS BCUs are operating. AW and CN commenced build in January 2022; SN and WA in process for Q2 2022/23. Significant demand to establish more OL Hubs. Expected completion Q2 2023/24.', 511),
  (2, 3, 'Development of a repository to capture and disseminate OL across the MPS in a standardised way',
   'Paul Clarke/ Ross Daniels', 'Q4 2022/23', '2023-03-31',
   'Systemising information is focused on information flows to capture, escalate and socialise learning and to build corporate memory, working with DP and Transformation within scoped Met systems: automation and semi automation; existing IT (MS, SharePoint, Power Apps); subject specific landing pages as repositories (several in construction such as MISPERS). Critical DP dependency. OL App is now in process mapping with DP with initial App build due Q2 2022/23, with the full action itself slipping to Q4 2022/23.',
   '2022-07-04', 'in_progress', NULL, 1, 'F',
   'Systemising information is focused on information flows to capture, escalate and socialise learning and to build corporate memory. OL App is now in process mapping with DP with initial App build due Q2 2022/23.', 511),
  (2, 4, 'Embedding a process to capture, categorise and share learning from Strategic Gold Groups/ Critical Incidents',
   'Paul Clarke/ Ross Daniels', 'Q1 2022/23', '2022-06-30',
   'Learning from high harm/risk has been focused on supporting learning on Gold groups and with Heads of Profession/LROs, including Op Lilford thematic analysis and timeline development. The team have supported Daniel Morgan and Op Drayfurn, more recently Child Q and Strip Search. Qualitative analytical support currently paused due to resource constraints. Expected resolution Q4 2022/23, slipping from Q1 2022/23.',
   '2022-07-04', 'in_progress', NULL, 1, 'F',
   'Learning from high harm/risk has been focused on supporting learning on Gold groups and with Heads of Profession/LROs, including Op Lilford thematic analysis and timeline development. Qualitative analytical support currently paused due to resource constraints. Expected resolution Q4 2022/23.', 511),
  (2, 5, 'Embedding a culture of learning across the MPS',
   'Paul Clarke/ Ross Daniels', 'Q1 2023/24', '2023-06-30',
   'Acculturalisation is supported through run off of the Open University OL phase 4 project. Work continues to update and socialise the ''blame to praise'' model for local implementation, and to develop communications and online materials. Extension of psychological safety and reflective practice through local MPS implementation (SW BCU) is underway, and potential new academic/partner projects in discussion. Slippage from Q1 to Q4 2023/24.',
   '2022-07-04', 'in_progress', NULL, 1, 'F',
   'Extension of psychological safety and reflective practice, and potential new academic/partner projects in discussion. Expected completion Q4 2023/24.', 511);

-- Area 3 actions.
INSERT INTO improvement_actions (area_id, seq, action, lead, timescale, due, quarterly_update, update_as_of, status, rag, carried_forward, carry_forward_principle, carry_forward_note, source_id) VALUES
  (3, 1, 'Strengthen and develop the London Safety Centre',
   'Cdr Helen Harper', 'March 22', '2022-03-31',
   'The transfer of key crime prevention and volunteering posts from CPIC to the LSC has been completed. There is now a band A in post to lead on the recruitment and strategic oversight of the LSC and the Volunteers. The recruitment of 6x PCSOs as a PAI deployment team is well underway with all posts now filled. A community reference group is being established for the LSC.',
   '2022-07-04', NULL, NULL, 0, NULL, NULL, 512),
  (3, 2, 'Establish clear partnership priorities',
   'Cdr Heydari (A/DI REEVE)', 'COMPLETE', NULL,
   'BCU Core commitment: monthly meeting with key strategic partners such as the Chief Executive and local community safety leads have been held and commitments have been met.',
   '2022-07-04', 'complete', NULL, 0, NULL, NULL, 512),
  (3, 3, 'Roll out of Positive Activity Initiatives (PAI) across all BCUs',
   'Cdr Helen Harper', 'March 22', '2022-03-31',
   'Now a KPI in Pillar 2 Corporate performance framework 21/22 - at least 12 per year per BCU. Performance managed through Crime Prevention & Trust governance structure with delivery through BCU TTCGs and Silver Group. The initial performance objective of 12 PAIs per BCU will not be achieved in 21/22, but the PAI process has been established across all BCUs. Delivery levels reviewed by the Crime Prevention and Trust Board given the impact of Covid 19 regulations. 73 PAIs are confirmed as fitting all criteria, with a further 15 recorded which did not include the full survey requirement (88 total activities), with 896 individual positive engagement deployments recorded in 21/22. Renewed focus will be a key requirement for BCUs in 2022-23.',
   '2022-07-04', NULL, NULL, 0, NULL, NULL, 512),
  (3, 4, 'Delivery and implementation of a refreshed Inclusion, Diversity and Equality Strategy and governance mechanisms',
   'Cdr Helen Harper', 'Delivery Oct 21', '2021-10-31',
   'The new Stride strategy was launched during National Inclusion Week w/c 25th September. Performance is currently measured through the STRIDE Delivery Board, chaired by AC Professionalism, and this will be further embedded into CPIE processes in Spring 2022. Tier 1 partners/stakeholders consulted for views on strategy and content of the next plan. This is ongoing; progress is consistent and good.',
   '2022-07-04', NULL, NULL, 0, NULL, NULL, 512),
  (3, 5, 'Roll out ''Police Encounter'' panels across London from April 2021',
   'Cdr Helen Harper', 'May 22', '2022-05-31',
   'The roll out was delayed due to the complexities of Data Protection and legal sharing of data and footage. The initial PEP launch successfully took place in May 22 and PEP membership is advertised on the public website.',
   '2022-07-04', NULL, NULL, 0, NULL, NULL, 512),
  (3, 6, 'Increase dialogue with communities on specific issues to build trust',
   'Cdr Heydari (A/DI REEVE); Cdr Connors (A/INSP WAINHOUSE); Cdr Helen Harper', '1 COMPLETE. 2. May 21 3. Jan 22', NULL,
   'FLP core-commitments and an engagement action plan have been completed. Stop & search: a corporate narrative exists to assist in community conversations and the community engagement product "A Different View" is now utilised. As of January 2022 over 66 Community Monitoring Groups screenings of BWV have been facilitated across 23 Boroughs. The MPS was the first police force in England to extend the BWV pre-event buffer from 30 seconds to one minute. Violent Crime Task Force: "The Person behind the Search" community workshops with young people and their guardians. Training transformed with community input, with a focus on preventing encounters escalating.',
   '2022-07-04', NULL, NULL, 1, 'B',
   'CPIE will map existing engagement groups against census data (when available) to identify engagement gaps. A number of new forums have been established including Jewish, youth and trans/non-binary supported through CPIE.', 512),
  (3, 7, 'MPS Engagement Handbook (HMICFRS'' 2019 PEEL: the Met did not centrally monitor engagement activity)',
   'Cdr Helen Harper', 'COMPLETE', NULL,
   'The Engagement handbook has been presented to the MPS Engagement Delivery Group, the Deputy Commissioner and the DCDG and has now been published. It will be uploaded to the public website imminently.',
   '2022-07-04', 'complete', NULL, 0, NULL, NULL, 512);

-- Area 4 actions.
INSERT INTO improvement_actions (area_id, seq, action, lead, timescale, due, quarterly_update, update_as_of, status, rag, carried_forward, carry_forward_principle, carry_forward_note, source_id) VALUES
  (4, 1, 'Train key contacts in business groups to strengthen Risk Maturity following RM survey',
   'Tracy Rylance', 'Q4 2021/22', '2022-03-31',
   'Following the risk maturity process in 2021, a number of training needs were identified, which the team have been delivering and will continue to deliver over the next months. DARA published their Risk Maturity Audit in December 2021 which concluded that the Met is at maturity Level 3 ''Working'' and made a number of recommendations which the team are also working through in conjunction with the training plan.',
   '2022-07-04', 'in_progress', NULL, 1, 'F',
   'DARA published their Risk Maturity Audit in December 2021 which made a number of recommendations which the team are working through in conjunction with the training plan. (Owner: S+G)', 513),
  (4, 2, 'Embedding a Level 2 Assurance capability within the Continuous Policing Improvement Command (CPIC) in support of the Heads of Profession (HoP); embedding a Continuous Improvement approach across BCUs as part of Operation Aegis (Public Protection)',
   'Ross Daniels, CPIC', 'Q4 2022/23', '2023-03-31',
   'Within the level 2 environment the core practice teams in CPIC are developing more active intervention across the MPS; Heads of Profession can commission Level 2 assurance activity from CPIC. A comprehensive strategy and approach has been developed that incorporates all known Level 1 and level 2 activities and seeks to embed Continuous Improvement (CI) within each, initially for Public Protection, building on Operation Aegis. Support, coaching and training provided to CI and OL teams established on EA and AS BCUs; a combined CI and OL board formed. 3 of the 5 BCUs (NE, CE and NW) that have had Operation Aegis deployed do not currently have dedicated CI or OL capability.',
   '2022-07-04', 'in_progress', NULL, 1, 'F',
   'A comprehensive strategy and approach has been developed that incorporates all known Level 1 and level 2 activities and seeks to embed Continuous Improvement within each. Initially focussed on Public Protection, but will expand into other BCU strands. Expected completion Q4 2022/23.', 513),
  (4, 3, 'Embedding a Level 1 Data Quality Ethics Assurance process. The process to be widened to include other Head of Profession portfolios.',
   'Ross Daniels, CPIC', 'Q4, 2021/22', '2022-03-31',
   'The Data Quality Ethics Assurance Board (DQEAB) is a Level 1 data assurance process covering Domestic Abuse, Child Abuse, Mental Health, Rape, Hate Crime, Stalking/Harassment, Missing Persons, CSE & CCE, Indecent Images of Children, Adult Safeguarding and Harmful Practices. Since November 2019 BCUs check a selection of these areas (no more than four at a time) monthly and feed the results into the DQEAB. In Q3 2020/21 it was expanded to include reviews of the usage of RUI (Released Under Investigation) and Outcome 16 crime closures. The DQEAB process is currently paused pending a decision on the way forward and next steps.',
   '2022-07-04', 'on_hold', NULL, 1, 'G',
   'The DQEAB is a Level 1 data assurance process which concentrates on public protection and related areas, empowering local BCUs to complete their own level one inspections. The DQEAB process is currently paused pending a decision on the way forward and next steps.', 513),
  (4, 4, 'Completing a review of Policies in Public Protection. This will then be widened to look at the HoP Investigation portfolio. + A review of the corporate policy process to identify efficiencies and good practice.',
   'James Archer, CPIC', 'Q3 2022/23', '2022-12-31',
   'Public Protection policies continue to be reviewed and updated: child exploitation is with the HoP Public Protection for approval; the vulnerable adults policy has completed consultation and alongside suicide prevention will be submitted for approval; the modern slavery policy is under review. The review of the Investigation policies has now begun. Existing policies impacted by the introduction of CONNECT will be an area of focus in the next quarter.',
   '2022-07-04', 'in_progress', NULL, 1, 'D',
   'The review of the Investigation policies has now begun. Other work streams include a review of the existing policies that will be impacted by the introduction of CONNECT. Expected completion Q3 2022/23.', 513);

-- Area 5 actions.
INSERT INTO improvement_actions (area_id, seq, action, lead, timescale, due, quarterly_update, update_as_of, status, rag, carried_forward, carry_forward_principle, carry_forward_note, source_id) VALUES
  (5, 1, 'Establish purposeful links between Data Board and local Data Quality reporting such as Data Quality and Ethics Boards (DQEAB) on BCUs and other OCUs; key subgroups to Data Board on other capabilities; Information Asset Owners (IAO); SCIRG (crime data integrity)',
   'Dir. Data (A.Reed)', 'March 2022 Extend to December 2022 (YofDQ)', '2022-12-31',
   'Significant progress in the last quarter: dedicated resources to "data about the data" and a performance pack (including DQ measures); Head of Data Foundations recruited. Two things continue as business as usual: A) Year of Quality, launched Jan 2022 and running until Dec 2022, with awareness videos, "on the ground" DQ clinics (1st one SE-BCU) and Data Quality health check reporting on critical operational assets for IAOs; B) Information Asset Ownership: plan approved, contract established with IAOs (Commander or Equivalent) and Data Office; training package for IAOs to be completed; start of IAO Portfolio Group delayed by change in Commanders, first meeting June 2022 (6-weekly, feeding Data Board).',
   '2022-07-04', 'in_progress', NULL, 1, 'C',
   'Two things will continue as BAU to mature the MPS response for Data Quality: A) Year of Quality, launched Jan 2022, runs until Dec 2022; B) Information Asset Ownership: plan approved, contract established with IAOs and Data Office; training package for IAOs to be completed; first IAO Portfolio Group meeting June 2022 (6-weekly feeding Data Board).', 514),
  (5, 2, 'Build of Data Office to establish enabling capabilities for governance, analytics, service improvement & data innovation',
   'Dir. Data (A.Reed)', 'Q1, 2022/23', '2022-06-30',
   'Propose closure of this control and manage recruitment as part of business as usual. Increased temporary support to Data Governance (including ROA); recruited Head of Data Foundations and Head of Data Science; continuing to joint fund a Data Sharing coordinator (through LoTI) for London, made permanent. Carried forward as BAU: A) splitting DPO from Head of Data Governance (ICO Audit); B) data ethics expertise, after a number of failed recruitment campaigns (Hay banding allocated Band C; working with the Open Data Institute); C) allocating and recruiting skills and roles up to £1M following investment by Management Board.',
   '2022-07-04', NULL, NULL, 0, NULL, NULL, 514),
  (5, 3, 'Data ethics capability build',
   'Dir. Data (A.Reed)', 'Jan 2022', '2022-01-31',
   'See previous response above. Propose the controls are merged.',
   '2022-07-04', NULL, NULL, 0, NULL, NULL, 514),
  (5, 4, 'Ability to define, monitor and manage demonstrable improvements in Data Quality across core data sets',
   'Dir. Data (A.Reed)', 'Phase One - March 2022 Runs until December 2022', '2022-12-31',
   'Year of Quality commenced in January 2022 (overseen by Data Board and managed by DQ sub-group). Performance reporting established on the quality of data held in critical assets and local DQ performance. Refresh of DQ Services provided by third party completed; DQ Metrics identified and DQ Health check (monthly reports and dashboards) built, to feed IAO Portfolio Group from April 2022. Project for RRD with Transformation Directorate; automated RRD cannot commence until data quality is improved.',
   '2022-07-04', 'in_progress', NULL, 0, NULL, NULL, 514),
  (5, 5, 'Data Management to be considered as a mandatory element of all transformation, change and innovation planning',
   'Dir. Data (Aimee Reed) + TD', 'Q3', NULL,
   'Data Office represented at Front Door and Business Design Authority. DPIA now completed at start of Business Case process. Work continues on digital integrated impact assessment (combines DPIA, Ethics and EIA). Next phase will link the Transformation Portfolio more closely to the Performance Framework. Data Workshop planned with SROs and PMG in Q1 2022-23.',
   '2022-07-04', 'in_progress', NULL, 0, NULL, NULL, 514),
  (5, 6, 'Ensure all Commercial Contracts where data processing is required are DPA (2018) compliant',
   'Dir. Commercial (Mark Roberts)', 'FY 2021', NULL,
   'The 1049 commercial initiation form now requires confirmation that a DPIA has been completed (COMPLETED Q1 2021/22). Coupa Risk Assess has been implemented enabling Commercial Services to manage and report on information assurance as standard. As part of Schrems2, data collected on international data sharing: response rates Distribution 1 = 54% and Distribution 2 = 71%; one supplier reported holding data in the US; none of the other respondents transfer data to a Third Country or International Organisation. Full implementation Q3 FY 2022/23.',
   '2022-07-04', 'in_progress', NULL, 1, 'G',
   'Coupa Risk Assess has been implemented enabling Commercial Services to manage and report on information assurance as standard. Further work to ensure full transparency of completed DPIAs and Data Processor Contracts. Full implementation Q3 FY 2022/23. (Owner: Commercial)', 514);

-- Area 6 actions (covering report para 1.7; AGS section 1).
INSERT INTO improvement_actions (area_id, seq, action, lead, timescale, due, quarterly_update, update_as_of, status, rag, carried_forward, carry_forward_principle, carry_forward_note, source_id) VALUES
  (6, 1, 'Implement the new Vetting IT system', NULL, NULL, NULL,
   'The new Vetting IT system is now live, and is being brought online in a phased rollout over the next four months. (The AGS notes its implementation was delayed by a dependency on the core system upgrade and a replacement Met Internet Gateway project.)',
   '2022-07-04', 'in_progress', NULL, 0, NULL, NULL, 501),
  (6, 2, 'Professional Standards Transformation Programme, second phase: review of Professional Standards Units', NULL, NULL, NULL,
   'The second phase is underway reviewing Professional Standards Units.', '2022-07-04', 'in_progress', NULL, 0, NULL, NULL, 501),
  (6, 3, 'Establish a Complaints Resolution Unit', NULL, NULL, NULL,
   'Established in February 2022 to resolve most complaints submitted through MPS and IOPC portals; strengthened by the appointments of LROs for each risk, and dedicated analyst support.', '2022-07-04', 'complete', NULL, 0, NULL, NULL, 501),
  (6, 4, 'Establish a Counter Corruption Board chaired by DAC Professionalism', NULL, NULL, NULL,
   'Established, to review and drive activity against the national counter corruption key areas of risk.', '2022-07-04', 'complete', NULL, 0, NULL, NULL, 521),
  (6, 5, 'Dedicated Vetting Renewal Team to manage vetting renewals', NULL, NULL, NULL,
   'In place; to be increased in 2022 through recruitment. The backlog of vetting renewals has been cleared and is managed through a BAU process.', '2022-07-04', NULL, NULL, 0, NULL, NULL, 521),
  (6, 6, 'Implement the recommendations of the DARA Security Clearance & Vetting follow-up report', NULL, NULL, NULL,
   'Eleven of the 13 recommendations have been implemented.', '2022-07-04', 'in_progress', NULL, 0, NULL, NULL, 521);

-- Improvement areas proposed for 2022/23, by AGS section (CIPFA principle).
INSERT INTO improvement_areas (id, year, number, title, aim, owner_role_id, status, related_risk_note, note, source_id) VALUES
  (101, '2022/23', NULL, 'Continuing delivery of the Rebuilding Trust Plan including raising standards, culture audits and Command assessments', NULL, NULL, 'proposed', NULL, NULL, 521),
  (102, '2022/23', NULL, 'Enabling the delivery of Baroness Blackstock independent review and addressing findings', NULL, NULL, 'proposed', NULL, NULL, 521),
  (103, '2022/23', NULL, 'Implementing HMICFRS recommendations in its Counter Corruption Arrangements report', NULL, NULL, 'proposed', NULL, NULL, 521),
  (104, '2022/23', NULL, 'Strengthening Professionalism''s capacity, corporate communication and reporting channels', NULL, NULL, 'proposed', NULL, NULL, 521),
  (105, '2022/23', NULL, 'Strengthening supervision', NULL, NULL, 'proposed', NULL, NULL, 521),
  (106, '2022/23', NULL, 'Introducing Command Assessment of Standards across the Met', NULL, NULL, 'proposed', NULL, 'First iteration to roll out in Quarter 2, 2022/23.', 521),
  (107, '2022/23', NULL, 'Developing communication strategy to improve our engagement with Londoners', NULL, NULL, 'proposed', NULL, NULL, 522),
  (108, '2022/23', NULL, 'Driving continued implementation of Stride through a refreshed Action Plan for 2022/23 and embedding the changes effected through the Deputy Commissioner''s delivery Group and Mayor''s Action Plan to reduce gaps in trust and confidence', NULL, NULL, 'proposed', NULL, NULL, 522),
  (109, '2022/23', NULL, 'Building on the consultation exercises we ran for the VAWG Action Plan and STRIDE', NULL, NULL, 'proposed', NULL, NULL, 522),
  (110, '2022/23', NULL, 'Improve data sharing and risk management in our partnership work', NULL, NULL, 'proposed', NULL, NULL, 522),
  (111, '2022/23', NULL, 'Progressing work on data quality and Data Management', NULL, NULL, 'proposed', NULL, NULL, 523),
  (112, '2022/23', NULL, 'Exploring the implementation and tracking of environmental benefits further', NULL, NULL, 'proposed', NULL, NULL, 523),
  (113, '2022/23', NULL, 'Further embedding enhanced business planning processes', NULL, NULL, 'proposed', NULL, NULL, 524),
  (114, '2022/23', NULL, 'Developing a joined-up digital and data strategy to maximise organisational capability and efficiency', NULL, NULL, 'proposed', NULL, NULL, 524),
  (115, '2022/23', NULL, 'Implementing key systems, in particular CONNECT and Command and Control, to address IT legacy issues', NULL, NULL, 'proposed', NULL, NULL, 524),
  (116, '2022/23', NULL, 'Developing the organisation data / information analytical capacity and capability', NULL, NULL, 'proposed', NULL, NULL, 524),
  (117, '2022/23', NULL, 'Implementing the Learning Management System to provide solid foundations to our learning approach and our management of skilled resources', NULL, NULL, 'proposed', NULL, NULL, 525),
  (118, '2022/23', NULL, 'Improving our understanding of workforce capabilities and better linking training to identified needs', NULL, NULL, 'proposed', NULL, NULL, 525),
  (119, '2022/23', NULL, 'Working to address the experience gap through better supervision and continued leadership development', NULL, NULL, 'proposed', NULL, NULL, 525),
  (120, '2022/23', NULL, 'Finalising the review of corporate Policies', NULL, NULL, 'proposed', NULL, NULL, 526),
  (121, '2022/23', NULL, 'Improving compliance and understanding of data responsibilities across the organisation', NULL, NULL, 'proposed', NULL, NULL, 526),
  (122, '2022/23', NULL, 'Embedding of Level 2 Assurance capability within CPIC and with the support of DARA', NULL, NULL, 'proposed', NULL, NULL, 526),
  (123, '2022/23', NULL, 'Improving functions management of corporate risks', NULL, NULL, 'proposed', NULL, NULL, 526),
  (124, '2022/23', NULL, 'Developing an Open Data Strategy and working to make more information available', NULL, NULL, 'proposed', NULL, NULL, 527),
  (125, '2022/23', NULL, 'Implementing the Organisational Learning model and a clear framework on how learning is shared organisationally', NULL, NULL, 'proposed', NULL, NULL, 527);

INSERT INTO improvement_area_principles (area_id, principle, source_id) VALUES
  (101, 'A', 521), (102, 'A', 521), (103, 'A', 521), (104, 'A', 521), (105, 'A', 521), (106, 'A', 521),
  (107, 'B', 522), (108, 'B', 522), (109, 'B', 522), (110, 'B', 522),
  (111, 'C', 523), (112, 'C', 523),
  (113, 'D', 524), (114, 'D', 524), (115, 'D', 524), (116, 'D', 524),
  (117, 'E', 525), (118, 'E', 525), (119, 'E', 525),
  (120, 'F', 526), (121, 'F', 526), (122, 'F', 526), (123, 'F', 526),
  (124, 'G', 527), (125, 'G', 527);
