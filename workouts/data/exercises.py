"""The built-in exercise catalogue, written for FitnessPr.

Names follow Hevy's style ("Movement (Equipment)") so that synced workouts match by name; the muscle,
equipment and type values are the Hevy vocabularies of workouts.models and accounts.models. Cable
movements use the `machine` equipment, as Hevy does. The migration 0002_exercise_catalogue loads this
list with `load_catalogue`, idempotently (a later migration can call it again after the list grows).
"""

from __future__ import annotations

from typing import Any, NamedTuple

# exercise types
WR = "weight_reps"
RO = "reps_only"
BW = "bodyweight_reps"
BA = "bodyweight_assisted_reps"
DU = "duration"
WD = "weight_duration"
DD = "distance_duration"
SW = "short_distance_weight"
# mechanics
C = "compound"
I = "isolation"  # noqa: E741


class CatalogueEntry(NamedTuple):
    name: str
    equipment: str
    exercise_type: str
    mechanic: str
    primary_muscle: str
    secondary_muscles: list[str]
    instructions: str


E = CatalogueEntry

# fmt: off
CATALOGUE: list[CatalogueEntry] = [
    # --- Barbell -----------------------------------------------------------------------------------
    E("Bench Press (Barbell)", "barbell", WR, C, "chest", ["triceps", "shoulders"],
      "Lie on a flat bench with your eyes under the bar and feet planted. Lower the bar to your mid chest with "
      "elbows about 45 degrees from your body, then press it back up over your shoulders."),
    E("Incline Bench Press (Barbell)", "barbell", WR, C, "chest", ["shoulders", "triceps"],
      "Set the bench to 30-45 degrees. Lower the bar to your upper chest under control and press it up until "
      "your arms are straight."),
    E("Decline Bench Press (Barbell)", "barbell", WR, C, "chest", ["triceps", "shoulders"],
      "Hook your legs on a decline bench. Lower the bar to your lower chest and press it back up in a slight arc."),
    E("Close Grip Bench Press (Barbell)", "barbell", WR, C, "triceps", ["chest", "shoulders"],
      "Grip the bar about shoulder width apart. Keep your elbows close to your sides as you lower the bar to "
      "your lower chest, then press up by straightening your arms."),
    E("Floor Press (Barbell)", "barbell", WR, C, "chest", ["triceps"],
      "Lie on the floor under a racked bar. Lower it until your upper arms touch the floor, pause briefly, and "
      "press back up."),
    E("Squat (Barbell)", "barbell", WR, C, "quadriceps", ["glutes", "hamstrings", "lower_back"],
      "Rest the bar on your upper back, feet about shoulder width. Sit down between your hips until your thighs "
      "are at least parallel, keeping your chest up, then stand back up."),
    E("Front Squat (Barbell)", "barbell", WR, C, "quadriceps", ["glutes", "abdominals"],
      "Hold the bar on the front of your shoulders with elbows high. Squat down with an upright torso and drive "
      "back up through your whole foot."),
    E("Box Squat (Barbell)", "barbell", WR, C, "quadriceps", ["glutes", "hamstrings"],
      "Squat back onto a box set at about knee height. Sit on it briefly without relaxing, then stand up "
      "explosively."),
    E("Overhead Squat (Barbell)", "barbell", WR, C, "quadriceps", ["shoulders", "abdominals", "glutes"],
      "Hold the bar overhead with a wide grip and locked arms. Squat as deep as you can while keeping the bar "
      "over the middle of your feet."),
    E("Zercher Squat (Barbell)", "barbell", WR, C, "quadriceps", ["glutes", "upper_back", "abdominals"],
      "Cradle the bar in the crook of your elbows close to your body. Squat down with your chest tall and "
      "stand back up."),
    E("Deadlift (Barbell)", "barbell", WR, C, "hamstrings", ["glutes", "lower_back", "traps", "forearms"],
      "Stand with the bar over your mid foot and grip it just outside your legs. Brace, push the floor away and "
      "stand tall with the bar close to your body, then lower it the same way."),
    E("Sumo Deadlift (Barbell)", "barbell", WR, C, "glutes", ["hamstrings", "adductors", "quadriceps", "lower_back"],
      "Take a wide stance with toes out and grip the bar inside your knees. Push your knees out and stand up "
      "with a tall chest."),
    E("Romanian Deadlift (Barbell)", "barbell", WR, C, "hamstrings", ["glutes", "lower_back"],
      "From standing, push your hips back with soft knees and slide the bar down your thighs until you feel a "
      "stretch in your hamstrings. Squeeze your glutes to come back up."),
    E("Stiff Leg Deadlift (Barbell)", "barbell", WR, C, "hamstrings", ["lower_back", "glutes"],
      "Keep your legs nearly straight and hinge at the hips to lower the bar toward the floor. Return to "
      "standing with a flat back."),
    E("Rack Pull (Barbell)", "barbell", WR, C, "lower_back", ["traps", "glutes", "hamstrings", "forearms"],
      "Set the bar on pins or blocks just below the knees. Pull it to a full lockout, then lower it back to the "
      "pins with control."),
    E("Good Morning (Barbell)", "barbell", WR, C, "hamstrings", ["lower_back", "glutes"],
      "With the bar on your upper back, bend at the hips with a flat back until your torso is near parallel. "
      "Drive your hips forward to stand."),
    E("Overhead Press (Barbell)", "barbell", WR, C, "shoulders", ["triceps", "upper_back"],
      "Stand with the bar on your front shoulders. Press it straight overhead, moving your head back out of the "
      "way, and finish with the bar over your mid foot."),
    E("Push Press (Barbell)", "barbell", WR, C, "shoulders", ["triceps", "quadriceps"],
      "Dip a few inches at the knees, then drive up and use that momentum to press the bar overhead. Lower it "
      "back to your shoulders under control."),
    E("Bent Over Row (Barbell)", "barbell", WR, C, "upper_back", ["lats", "biceps", "lower_back"],
      "Hinge forward with a flat back and let the bar hang. Pull it to your lower ribs, squeeze your shoulder "
      "blades, then lower it."),
    E("Pendlay Row (Barbell)", "barbell", WR, C, "upper_back", ["lats", "biceps", "lower_back"],
      "Start each rep with the bar on the floor and your back flat and near parallel. Row it explosively to "
      "your chest and set it back down."),
    E("T Bar Row (Barbell)", "barbell", WR, C, "upper_back", ["lats", "biceps"],
      "Straddle a barbell anchored in a corner or landmine and hold the loaded end with a handle. Row it toward "
      "your chest keeping your back flat."),
    E("Landmine Press (Barbell)", "barbell", WR, C, "shoulders", ["chest", "triceps"],
      "Hold the end of a landmine barbell at shoulder height. Press it up and forward until your arm is "
      "straight, then return."),
    E("Shrug (Barbell)", "barbell", WR, I, "traps", ["forearms"],
      "Hold the bar at arm's length. Lift your shoulders straight up toward your ears, hold a moment, and lower "
      "them."),
    E("Upright Row (Barbell)", "barbell", WR, C, "shoulders", ["traps", "biceps"],
      "Hold the bar with a shoulder width grip. Pull it up along your body, leading with the elbows, until it "
      "reaches chest height."),
    E("Bicep Curl (Barbell)", "barbell", WR, I, "biceps", ["forearms"],
      "Stand tall with the bar in an underhand grip. Curl it up without swinging, keeping your elbows at your "
      "sides, and lower it slowly."),
    E("Reverse Curl (Barbell)", "barbell", WR, I, "forearms", ["biceps"],
      "Hold the bar with an overhand grip and curl it up, keeping your wrists straight. Lower it slowly."),
    E("Preacher Curl (Barbell)", "barbell", WR, I, "biceps", [],
      "Rest the backs of your upper arms on a preacher pad. Curl the bar up and lower it until your arms are "
      "almost straight."),
    E("Skullcrusher (Barbell)", "barbell", WR, I, "triceps", [],
      "Lie on a bench holding the bar above your chest. Bend only at the elbows to lower it toward your "
      "forehead, then straighten your arms."),
    E("Wrist Curl (Barbell)", "barbell", WR, I, "forearms", [],
      "Sit with your forearms on your thighs, palms up, wrists past your knees. Curl the bar up with your "
      "wrists only."),
    E("Hip Thrust (Barbell)", "barbell", WR, C, "glutes", ["hamstrings", "quadriceps"],
      "Sit with your upper back against a bench and the padded bar across your hips. Drive your hips up until "
      "your body is straight from shoulders to knees, then lower."),
    E("Glute Bridge (Barbell)", "barbell", WR, I, "glutes", ["hamstrings"],
      "Lie on the floor with the bar over your hips and knees bent. Push through your heels to lift your hips, "
      "squeeze, and lower."),
    E("Lunge (Barbell)", "barbell", WR, C, "quadriceps", ["glutes", "hamstrings"],
      "With the bar on your upper back, step forward and lower your back knee toward the floor. Push off the "
      "front foot to return, and alternate legs."),
    E("Bulgarian Split Squat (Barbell)", "barbell", WR, C, "quadriceps", ["glutes", "adductors"],
      "Rest your back foot on a bench behind you with the bar on your back. Lower straight down on the front "
      "leg and drive back up."),
    E("Standing Calf Raise (Barbell)", "barbell", WR, I, "calves", [],
      "With the bar on your back and the balls of your feet on a plate, rise onto your toes as high as you can "
      "and lower slowly."),
    E("Power Clean (Barbell)", "barbell", WR, C, "full_body", ["hamstrings", "glutes", "traps", "quadriceps"],
      "Pull the bar from the floor, extend your hips hard, and pull yourself under it to catch it on your front "
      "shoulders in a quarter squat."),
    E("Hang Clean (Barbell)", "barbell", WR, C, "full_body", ["traps", "glutes", "hamstrings"],
      "Start standing with the bar at your thighs. Dip, jump the bar up with your hips, and catch it on your "
      "shoulders."),
    E("Snatch (Barbell)", "barbell", WR, C, "full_body", ["shoulders", "quadriceps", "glutes", "traps"],
      "With a wide grip, pull the bar from the floor in one motion and catch it overhead with locked arms in a "
      "squat, then stand up."),
    E("Clean and Jerk (Barbell)", "barbell", WR, C, "full_body", ["shoulders", "quadriceps", "glutes", "triceps"],
      "Clean the bar to your shoulders, stand, then dip and drive it overhead, landing in a split or with "
      "bent knees."),
    E("Thruster (Barbell)", "barbell", WR, C, "full_body", ["quadriceps", "shoulders", "glutes"],
      "Front squat the bar, and as you stand use the drive to press it straight overhead in one movement."),
    # --- Dumbbell ----------------------------------------------------------------------------------
    E("Bench Press (Dumbbell)", "dumbbell", WR, C, "chest", ["triceps", "shoulders"],
      "Lie on a flat bench with a dumbbell in each hand at chest level. Press them up until your arms are "
      "straight and lower them with control."),
    E("Incline Bench Press (Dumbbell)", "dumbbell", WR, C, "chest", ["shoulders", "triceps"],
      "On a bench set to 30-45 degrees, press the dumbbells up over your upper chest and lower them to the "
      "sides of your chest."),
    E("Decline Bench Press (Dumbbell)", "dumbbell", WR, C, "chest", ["triceps"],
      "On a decline bench, press the dumbbells up over your lower chest and lower them slowly."),
    E("Floor Press (Dumbbell)", "dumbbell", WR, C, "chest", ["triceps"],
      "Lie on the floor, knees bent, dumbbells over your chest. Lower until your elbows touch the floor and "
      "press back up."),
    E("Chest Fly (Dumbbell)", "dumbbell", WR, I, "chest", ["shoulders"],
      "Lie on a flat bench with the dumbbells above your chest and a slight bend in your elbows. Open your arms "
      "wide until you feel a stretch, then bring them back together."),
    E("Incline Chest Fly (Dumbbell)", "dumbbell", WR, I, "chest", ["shoulders"],
      "On an incline bench, lower the dumbbells out to the sides in a wide arc and squeeze them back together "
      "over your upper chest."),
    E("Pullover (Dumbbell)", "dumbbell", WR, I, "lats", ["chest", "triceps"],
      "Lie across a bench holding one dumbbell over your chest with both hands. Lower it behind your head with "
      "slightly bent arms and pull it back over."),
    E("Shoulder Press (Dumbbell)", "dumbbell", WR, C, "shoulders", ["triceps"],
      "Seated or standing, start with the dumbbells at shoulder height. Press them overhead until your arms are "
      "straight, then lower."),
    E("Arnold Press (Dumbbell)", "dumbbell", WR, C, "shoulders", ["triceps"],
      "Start with the dumbbells in front of your shoulders, palms facing you. Rotate your palms forward as you "
      "press overhead, and reverse on the way down."),
    E("Lateral Raise (Dumbbell)", "dumbbell", WR, I, "shoulders", ["traps"],
      "Stand with the dumbbells at your sides. Raise them out to the sides to shoulder height with a slight "
      "bend in the elbows, then lower slowly."),
    E("Front Raise (Dumbbell)", "dumbbell", WR, I, "shoulders", ["chest"],
      "Raise the dumbbells straight in front of you to shoulder height with nearly straight arms, then lower "
      "them."),
    E("Rear Delt Reverse Fly (Dumbbell)", "dumbbell", WR, I, "shoulders", ["upper_back", "traps"],
      "Hinge forward with a flat back, dumbbells hanging. Raise them out to the sides, leading with your "
      "elbows, and squeeze your upper back."),
    E("Shrug (Dumbbell)", "dumbbell", WR, I, "traps", ["forearms"],
      "Hold a dumbbell in each hand at your sides. Lift your shoulders toward your ears, pause, and lower."),
    E("Single Arm Row (Dumbbell)", "dumbbell", WR, C, "lats", ["upper_back", "biceps"],
      "Support yourself with one hand and knee on a bench. Row the dumbbell toward your hip, keeping your back "
      "flat, and lower it fully."),
    E("Chest Supported Row (Dumbbell)", "dumbbell", WR, C, "upper_back", ["lats", "biceps"],
      "Lie face down on an incline bench with the dumbbells hanging. Row them up by squeezing your shoulder "
      "blades together."),
    E("Renegade Row (Dumbbell)", "dumbbell", WR, C, "upper_back", ["abdominals", "lats", "biceps"],
      "In a push up position on two dumbbells, row one to your hip while bracing your body still, then "
      "alternate sides."),
    E("Bicep Curl (Dumbbell)", "dumbbell", WR, I, "biceps", ["forearms"],
      "Stand with the dumbbells at your sides, palms forward. Curl them up without moving your elbows and "
      "lower them slowly."),
    E("Hammer Curl (Dumbbell)", "dumbbell", WR, I, "biceps", ["forearms"],
      "Hold the dumbbells with palms facing each other and curl them up, keeping that neutral grip the whole "
      "way."),
    E("Incline Curl (Dumbbell)", "dumbbell", WR, I, "biceps", [],
      "Sit back on an incline bench with your arms hanging straight. Curl the dumbbells up while your upper "
      "arms stay still."),
    E("Concentration Curl (Dumbbell)", "dumbbell", WR, I, "biceps", [],
      "Sit with your elbow braced against the inside of your thigh. Curl the dumbbell up to your shoulder and "
      "lower it slowly."),
    E("Preacher Curl (Dumbbell)", "dumbbell", WR, I, "biceps", [],
      "Rest one upper arm on a preacher pad and curl the dumbbell up, lowering until your arm is almost "
      "straight."),
    E("Overhead Triceps Extension (Dumbbell)", "dumbbell", WR, I, "triceps", [],
      "Hold one dumbbell overhead with both hands. Lower it behind your head by bending your elbows, then "
      "straighten your arms."),
    E("Triceps Kickback (Dumbbell)", "dumbbell", WR, I, "triceps", [],
      "Hinge forward with your upper arm tucked at your side. Straighten your elbow to push the dumbbell back, "
      "then return."),
    E("Skullcrusher (Dumbbell)", "dumbbell", WR, I, "triceps", [],
      "Lie on a bench with the dumbbells over your chest, palms facing. Bend your elbows to lower them beside "
      "your head and extend back up."),
    E("Wrist Curl (Dumbbell)", "dumbbell", WR, I, "forearms", [],
      "Rest your forearm on a bench, palm up, with the wrist past the edge. Curl the dumbbell up using only "
      "your wrist."),
    E("Goblet Squat (Dumbbell)", "dumbbell", WR, C, "quadriceps", ["glutes", "abdominals"],
      "Hold one dumbbell vertically against your chest. Squat down between your knees with your chest up, then "
      "stand."),
    E("Romanian Deadlift (Dumbbell)", "dumbbell", WR, C, "hamstrings", ["glutes", "lower_back"],
      "Hold the dumbbells in front of your thighs. Push your hips back and lower them along your legs until "
      "your hamstrings stretch, then stand tall."),
    E("Lunge (Dumbbell)", "dumbbell", WR, C, "quadriceps", ["glutes", "hamstrings"],
      "Hold the dumbbells at your sides, step forward, and lower until both knees are bent about 90 degrees. "
      "Push back to standing."),
    E("Walking Lunge (Dumbbell)", "dumbbell", WR, C, "quadriceps", ["glutes", "hamstrings"],
      "Lunge forward and bring your back foot through into the next lunge, moving across the floor. Count "
      "each leg as one rep."),
    E("Reverse Lunge (Dumbbell)", "dumbbell", WR, C, "glutes", ["quadriceps", "hamstrings"],
      "Step one foot back and lower your back knee toward the floor. Drive through the front heel to return."),
    E("Bulgarian Split Squat (Dumbbell)", "dumbbell", WR, C, "quadriceps", ["glutes", "adductors"],
      "Rest your back foot on a bench and hold the dumbbells at your sides. Lower on the front leg until the "
      "thigh is parallel and stand back up."),
    E("Step Up (Dumbbell)", "dumbbell", WR, C, "quadriceps", ["glutes"],
      "Place one foot on a box or bench and step up until that leg is straight. Step down with control and "
      "repeat."),
    E("Hip Thrust (Dumbbell)", "dumbbell", WR, C, "glutes", ["hamstrings"],
      "Sit against a bench with a dumbbell on your hips. Drive your hips up to a straight line and lower them "
      "slowly."),
    E("Calf Raise (Dumbbell)", "dumbbell", WR, I, "calves", [],
      "Stand on a step on the ball of one foot, holding a dumbbell. Lower your heel below the step and rise "
      "as high as you can."),
    E("Side Bend (Dumbbell)", "dumbbell", WR, I, "abdominals", ["lower_back"],
      "Hold a dumbbell in one hand. Bend sideways toward it, then use your opposite side to pull yourself "
      "upright."),
    E("Thruster (Dumbbell)", "dumbbell", WR, C, "full_body", ["quadriceps", "shoulders"],
      "Hold the dumbbells at your shoulders, squat, and press them overhead as you stand in one movement."),
    E("Snatch (Dumbbell)", "dumbbell", WR, C, "full_body", ["shoulders", "glutes", "hamstrings"],
      "Start with one dumbbell between your feet. Drive through your hips to pull it overhead in one movement "
      "and lock out your arm."),
    E("Farmers Walk (Dumbbell)", "dumbbell", SW, C, "forearms", ["traps", "abdominals", "full_body"],
      "Pick up a heavy dumbbell in each hand and walk with short, quick steps, standing tall. Log the distance "
      "and the weight per hand."),
    E("Farmers Hold (Dumbbell)", "dumbbell", WD, I, "forearms", ["traps"],
      "Stand still holding heavy dumbbells at your sides for time, shoulders back and grip tight."),
    # --- Machine -----------------------------------------------------------------------------------
    E("Chest Press (Machine)", "machine", WR, C, "chest", ["triceps", "shoulders"],
      "Adjust the seat so the handles are at mid chest height. Press them forward until your arms are straight "
      "and return slowly."),
    E("Chest Fly (Machine)", "machine", WR, I, "chest", ["shoulders"],
      "Sit with your back against the pad and arms open on the handles. Bring them together in front of your "
      "chest and let them open slowly."),
    E("Shoulder Press (Machine)", "machine", WR, C, "shoulders", ["triceps"],
      "Sit with the handles at shoulder height and press them up until your arms are straight."),
    E("Lateral Raise (Machine)", "machine", WR, I, "shoulders", [],
      "Sit with the pads against the outside of your arms. Raise your arms out to the sides to shoulder height "
      "and lower."),
    E("Reverse Fly (Machine)", "machine", WR, I, "shoulders", ["upper_back"],
      "Face the pad of a fly machine and hold the handles in front of you. Pull your arms out and back until "
      "they line up with your body."),
    E("Row (Machine)", "machine", WR, C, "upper_back", ["lats", "biceps"],
      "Sit with your chest against the pad. Pull the handles toward you, squeezing your shoulder blades, and "
      "let them go forward slowly."),
    E("Lat Pulldown (Machine)", "machine", WR, C, "lats", ["biceps", "upper_back"],
      "Sit with your thighs under the pads on a plate-loaded or selector pulldown machine. Pull the handles "
      "down to your upper chest and control them back up."),
    E("Leg Press (Machine)", "machine", WR, C, "quadriceps", ["glutes", "hamstrings"],
      "Sit with your feet shoulder width on the platform. Lower it until your knees are bent about 90 degrees, "
      "then push it away without locking your knees hard."),
    E("Hack Squat (Machine)", "machine", WR, C, "quadriceps", ["glutes"],
      "Stand with your back on the pad and shoulders under the supports. Squat down as low as is comfortable "
      "and push back up."),
    E("Leg Extension (Machine)", "machine", WR, I, "quadriceps", [],
      "Sit with the pad on your lower shins. Straighten your legs, squeeze your thighs at the top, and lower "
      "slowly."),
    E("Seated Leg Curl (Machine)", "machine", WR, I, "hamstrings", ["calves"],
      "Sit with the pad above your heels and the thigh pad locked down. Curl your heels under you and return "
      "with control."),
    E("Lying Leg Curl (Machine)", "machine", WR, I, "hamstrings", ["calves"],
      "Lie face down with the pad just above your heels. Curl your heels toward your glutes and lower them "
      "slowly."),
    E("Hip Abduction (Machine)", "machine", WR, I, "abductors", ["glutes"],
      "Sit with the pads against the outside of your knees. Push your legs apart as far as you can and bring "
      "them back slowly."),
    E("Hip Adduction (Machine)", "machine", WR, I, "adductors", [],
      "Sit with the pads against the inside of your knees. Squeeze your legs together and let them open with "
      "control."),
    E("Glute Kickback (Machine)", "machine", WR, I, "glutes", ["hamstrings"],
      "Brace on the machine and push the platform or pad back with one foot until your hip is fully extended."),
    E("Seated Calf Raise (Machine)", "machine", WR, I, "calves", [],
      "Sit with the pad on your lower thighs and the balls of your feet on the step. Lower your heels, then "
      "push up as high as you can."),
    E("Standing Calf Raise (Machine)", "machine", WR, I, "calves", [],
      "Stand under the shoulder pads with the balls of your feet on the step. Rise onto your toes and lower "
      "your heels below the step."),
    E("Preacher Curl (Machine)", "machine", WR, I, "biceps", [],
      "Rest your upper arms on the pad and curl the handles toward your shoulders, lowering slowly."),
    E("Triceps Extension (Machine)", "machine", WR, I, "triceps", [],
      "Sit with your upper arms on the pad and push the handles down or forward by straightening your elbows."),
    E("Crunch (Machine)", "machine", WR, I, "abdominals", [],
      "Sit in the machine holding the handles or pads. Curl your chest toward your hips using your abs, then "
      "return slowly."),
    E("Back Extension (Machine)", "machine", WR, I, "lower_back", ["glutes", "hamstrings"],
      "Sit with the pad on your upper back. Extend your spine back against the resistance and return with "
      "control."),
    E("Assisted Pull Up (Machine)", "machine", BA, C, "lats", ["biceps", "upper_back"],
      "Kneel or stand on the platform, which takes part of your weight. Pull your chin over the bar and lower "
      "yourself fully. Log the assistance as the weight."),
    E("Assisted Dip (Machine)", "machine", BA, C, "triceps", ["chest", "shoulders"],
      "Kneel on the assist pad and lower yourself between the bars until your upper arms are level, then press "
      "back up. Log the assistance as the weight."),
    E("Squat (Smith Machine)", "machine", WR, C, "quadriceps", ["glutes", "hamstrings"],
      "Set the bar on your upper back with your feet slightly forward. Squat down and stand up along the fixed "
      "path."),
    E("Bench Press (Smith Machine)", "machine", WR, C, "chest", ["triceps", "shoulders"],
      "Lie under the Smith bar so it lines up with your mid chest. Lower it to your chest and press it back "
      "up."),
    E("Incline Bench Press (Smith Machine)", "machine", WR, C, "chest", ["shoulders", "triceps"],
      "Set an incline bench under the Smith bar. Lower the bar to your upper chest and press it up."),
    E("Shoulder Press (Smith Machine)", "machine", WR, C, "shoulders", ["triceps"],
      "Sit on an upright bench under the bar. Lower it to chin height and press it overhead."),
    E("Pendulum Squat (Machine)", "machine", WR, C, "quadriceps", ["glutes"],
      "Stand on the platform with the pads on your shoulders. Swing down into a deep squat and drive back up."),
    # --- Cable (equipment: machine) ---------------------------------------------------------------
    E("Lat Pulldown (Cable)", "machine", WR, C, "lats", ["biceps", "upper_back"],
      "Sit with your thighs under the pads and take a wide overhand grip. Pull the bar to your upper chest, "
      "driving your elbows down, and let it rise slowly."),
    E("Close Grip Lat Pulldown (Cable)", "machine", WR, C, "lats", ["biceps"],
      "Use a narrow neutral handle and pull it to your chest, keeping your elbows close to your sides."),
    E("Seated Row (Cable)", "machine", WR, C, "upper_back", ["lats", "biceps"],
      "Sit tall with your feet on the platform and hold the handle with straight arms. Row it to your belly "
      "and let it go forward without rounding your back."),
    E("Straight Arm Pulldown (Cable)", "machine", WR, I, "lats", ["triceps"],
      "Face a high pulley holding a bar with straight arms. Sweep it down to your thighs using your lats and "
      "return slowly."),
    E("Face Pull (Cable)", "machine", WR, I, "shoulders", ["upper_back", "traps"],
      "Set a rope at face height. Pull it toward your eyes, separating the ends and pulling your elbows high "
      "and back."),
    E("Chest Fly (Cable)", "machine", WR, I, "chest", ["shoulders"],
      "Stand between two pulleys with a handle in each hand. Bring your hands together in front of your chest "
      "in a hugging arc and open back up under control."),
    E("Triceps Pushdown (Cable)", "machine", WR, I, "triceps", [],
      "Stand at a high pulley with a bar or rope. Keep your elbows at your sides and push down until your arms "
      "are straight."),
    E("Overhead Triceps Extension (Cable)", "machine", WR, I, "triceps", [],
      "Face away from a pulley holding a rope behind your head. Straighten your arms forward and overhead, "
      "then bend them back."),
    E("Bicep Curl (Cable)", "machine", WR, I, "biceps", ["forearms"],
      "Stand at a low pulley holding a bar. Curl it up with your elbows pinned at your sides and lower it "
      "slowly."),
    E("Hammer Curl (Cable)", "machine", WR, I, "biceps", ["forearms"],
      "Curl a rope attachment from a low pulley with your palms facing each other."),
    E("Lateral Raise (Cable)", "machine", WR, I, "shoulders", [],
      "Stand side-on to a low pulley and take the handle in your far hand. Raise your arm out to shoulder "
      "height and lower it slowly."),
    E("Crunch (Cable)", "machine", WR, I, "abdominals", [],
      "Kneel facing a high pulley with a rope beside your head. Curl your elbows toward your knees by "
      "flexing your spine, then return."),
    E("Woodchopper (Cable)", "machine", WR, C, "abdominals", ["shoulders"],
      "Stand side-on to a high pulley. Pull the handle diagonally across your body to the opposite hip, "
      "turning through your torso."),
    E("Pallof Press (Cable)", "machine", WR, I, "abdominals", [],
      "Stand side-on to a pulley at chest height with the handle at your chest. Press it straight out and "
      "resist being turned, then bring it back."),
    E("Pull Through (Cable)", "machine", WR, C, "glutes", ["hamstrings"],
      "Face away from a low pulley with a rope between your legs. Hinge back, then drive your hips forward to "
      "stand tall."),
    E("Glute Kickback (Cable)", "machine", WR, I, "glutes", ["hamstrings"],
      "Attach an ankle strap to a low pulley. Kick your leg straight back behind you and return slowly."),
    E("Single Arm Row (Cable)", "machine", WR, C, "lats", ["upper_back", "biceps"],
      "Hold one handle from a pulley at chest height and row it to your side, letting your shoulder reach "
      "forward between reps."),
    E("Upright Row (Cable)", "machine", WR, C, "shoulders", ["traps"],
      "Hold a bar on a low pulley and pull it up along your body to chest height, elbows leading."),
    # --- Cardio machines --------------------------------------------------------------------------
    E("Rowing Machine", "machine", DD, C, "cardio", ["upper_back", "quadriceps", "lats"],
      "Push with your legs first, then lean back slightly and pull the handle to your lower ribs. Return in the "
      "reverse order. Log distance and time."),
    E("Treadmill", "machine", DD, C, "cardio", ["quadriceps", "calves"],
      "Walk, jog or run on the treadmill at your chosen speed and incline. Log distance and time."),
    E("Elliptical Trainer", "machine", DD, C, "cardio", ["quadriceps", "glutes"],
      "Move the pedals and handles in a smooth loop, staying upright. Log distance and time."),
    E("Stair Climber", "machine", DU, C, "cardio", ["glutes", "quadriceps", "calves"],
      "Climb at a steady pace without leaning your weight on the rails. Log the time."),
    E("Stationary Bike", "machine", DD, C, "cardio", ["quadriceps", "hamstrings"],
      "Set the saddle so your knee is slightly bent at the bottom of the pedal stroke and ride at your chosen "
      "resistance. Log distance and time."),
    E("Air Bike", "machine", DD, C, "cardio", ["full_body"],
      "Push and pull the handles while pedalling; the fan gets harder the faster you go. Log distance and "
      "time."),
    E("Ski Erg", "machine", DD, C, "cardio", ["lats", "triceps", "abdominals"],
      "Pull both handles down from overhead while hinging at the hips, as in double-pole skiing. Log distance "
      "and time."),
    # --- Kettlebell --------------------------------------------------------------------------------
    E("Swing (Kettlebell)", "kettlebell", WR, C, "glutes", ["hamstrings", "lower_back", "shoulders"],
      "Hike the bell back between your legs, then snap your hips forward to float it to chest height. Let it "
      "fall back and hinge into the next rep."),
    E("Goblet Squat (Kettlebell)", "kettlebell", WR, C, "quadriceps", ["glutes", "abdominals"],
      "Hold the kettlebell by the horns at your chest. Squat deep with your elbows inside your knees and stand "
      "up."),
    E("Deadlift (Kettlebell)", "kettlebell", WR, C, "hamstrings", ["glutes", "lower_back"],
      "Stand over the kettlebell, hinge at the hips and grip the handle. Stand up tall and set it back down "
      "with a flat back."),
    E("Clean (Kettlebell)", "kettlebell", WR, C, "full_body", ["glutes", "forearms", "shoulders"],
      "Swing the bell back, then pull it up close to your body and let it roll onto your forearm in the rack "
      "position at your shoulder."),
    E("Snatch (Kettlebell)", "kettlebell", WR, C, "full_body", ["shoulders", "glutes", "hamstrings"],
      "From a swing, keep pulling the bell up close to your body and punch your hand through to lock it "
      "overhead."),
    E("Shoulder Press (Kettlebell)", "kettlebell", WR, C, "shoulders", ["triceps"],
      "From the rack position, press the kettlebell overhead until your arm is straight, then lower it back "
      "to your shoulder."),
    E("Single Arm Row (Kettlebell)", "kettlebell", WR, C, "lats", ["upper_back", "biceps"],
      "Brace one hand on a bench and row the kettlebell to your hip, then lower it fully."),
    E("Turkish Get Up (Kettlebell)", "kettlebell", WR, C, "full_body", ["shoulders", "abdominals", "glutes"],
      "Lie down holding the bell up with a straight arm. Stand up step by step with the bell overhead the whole "
      "time, then reverse the steps back to the floor."),
    E("Windmill (Kettlebell)", "kettlebell", WR, C, "abdominals", ["shoulders", "hamstrings"],
      "Hold the kettlebell overhead, turn your feet out, and push your hip out as you reach the other hand "
      "down to your foot. Keep your eyes on the bell."),
    E("Halo (Kettlebell)", "kettlebell", WR, I, "shoulders", ["upper_back", "abdominals"],
      "Hold the kettlebell upside down by the horns and circle it around your head, keeping it close."),
    E("Goblet Reverse Lunge (Kettlebell)", "kettlebell", WR, C, "glutes", ["quadriceps"],
      "Hold the kettlebell at your chest and step back into a lunge, then drive up through your front foot."),
    E("Farmers Walk (Kettlebell)", "kettlebell", SW, C, "forearms", ["traps", "abdominals"],
      "Carry a kettlebell in each hand, walking tall with a tight grip. Log distance and weight per hand."),
    E("Suitcase Carry (Kettlebell)", "kettlebell", SW, C, "abdominals", ["forearms", "traps"],
      "Carry one kettlebell on one side and walk without leaning toward it. Switch hands each length."),
    E("Russian Twist (Kettlebell)", "kettlebell", WR, I, "abdominals", [],
      "Sit leaning back with your feet up or on the floor. Turn the kettlebell from one hip to the other."),
    # --- Plate ------------------------------------------------------------------------------------
    E("Front Raise (Plate)", "plate", WR, I, "shoulders", ["chest"],
      "Hold a plate at the sides with both hands and raise it to eye height with straight arms, then lower."),
    E("Russian Twist (Plate)", "plate", WR, I, "abdominals", [],
      "Sit with your torso leaned back holding a plate. Rotate it from one side of your body to the other."),
    E("Halo (Plate)", "plate", WR, I, "shoulders", ["upper_back"],
      "Hold a plate in front of your face and circle it around your head in both directions."),
    E("Plate Pinch Hold", "plate", WD, I, "forearms", [],
      "Pinch two smooth plates together with your fingers and thumb and hold them at your side for time."),
    E("Plank (Weighted)", "plate", WD, I, "abdominals", ["shoulders"],
      "Hold a forearm plank with a plate placed on your upper back by a partner. Log the weight and the time."),
    E("Neck Curl (Plate)", "plate", WR, I, "neck", [],
      "Lie on a bench with your head over the edge and a light plate on your forehead. Nod your chin to your "
      "chest and lower slowly."),
    E("Sit Up (Plate)", "plate", WR, C, "abdominals", [],
      "Hold a plate on your chest and sit all the way up from lying on your back, then roll down with control."),
    # --- Bodyweight (equipment: none) --------------------------------------------------------------
    E("Push Up", "none", BW, C, "chest", ["triceps", "shoulders", "abdominals"],
      "Start in a high plank with hands a bit wider than your shoulders. Lower your chest to the floor in one "
      "straight line and push back up."),
    E("Diamond Push Up", "none", BW, C, "triceps", ["chest"],
      "Do a push up with your hands together under your chest, thumbs and index fingers touching."),
    E("Decline Push Up", "none", BW, C, "chest", ["shoulders", "triceps"],
      "Put your feet on a bench and your hands on the floor, then do push ups."),
    E("Incline Push Up", "none", BW, C, "chest", ["triceps", "shoulders"],
      "Place your hands on a bench or wall and do push ups; the higher the hands, the easier."),
    E("Pike Push Up", "none", BW, C, "shoulders", ["triceps"],
      "From a downward dog position with hips high, bend your elbows to lower the top of your head toward the "
      "floor, then press up."),
    E("Handstand Push Up", "none", BW, C, "shoulders", ["triceps", "traps"],
      "Kick up into a handstand against a wall. Lower your head to the floor under control and press back up."),
    E("Pull Up", "none", BW, C, "lats", ["biceps", "upper_back"],
      "Hang from a bar with an overhand grip. Pull until your chin is over the bar and lower until your arms "
      "are straight. Log added weight if you wear a belt."),
    E("Chin Up", "none", BW, C, "lats", ["biceps"],
      "Hang with an underhand, shoulder width grip and pull your chin over the bar, then lower fully."),
    E("Muscle Up", "none", BW, C, "lats", ["chest", "triceps", "shoulders"],
      "Pull explosively from a hang, turn your wrists over the bar, and press up to straight arms above it."),
    E("Chest Dip", "none", BW, C, "chest", ["triceps", "shoulders"],
      "On parallel bars, lean your torso forward and lower until your shoulders are below your elbows, then "
      "press up."),
    E("Triceps Dip", "none", BW, C, "triceps", ["chest", "shoulders"],
      "On parallel bars, stay upright and lower until your elbows are bent about 90 degrees, then straighten "
      "your arms."),
    E("Bench Dip", "none", BW, C, "triceps", ["shoulders"],
      "Put your hands on a bench behind you, legs in front. Bend your elbows to lower your hips, then push "
      "back up."),
    E("Air Squat", "none", BW, C, "quadriceps", ["glutes", "hamstrings"],
      "Stand with feet shoulder width, arms forward for balance. Squat below parallel and stand up fully."),
    E("Jump Squat", "none", BW, C, "quadriceps", ["glutes", "calves"],
      "Squat down, then jump as high as you can and land softly straight into the next squat."),
    E("Pistol Squat", "none", BW, C, "quadriceps", ["glutes", "abdominals"],
      "Stand on one leg with the other held out in front. Squat all the way down on the standing leg and stand "
      "back up."),
    E("Lunge", "none", BW, C, "quadriceps", ["glutes", "hamstrings"],
      "Step forward and lower your back knee close to the floor, then push back to standing. Alternate legs."),
    E("Step Up", "none", BW, C, "quadriceps", ["glutes"],
      "Step up onto a box or bench with one foot, stand tall on it, and step down with control."),
    E("Glute Bridge", "none", BW, I, "glutes", ["hamstrings"],
      "Lie on your back with knees bent. Push through your heels to lift your hips until your body is straight "
      "from shoulders to knees."),
    E("Single Leg Glute Bridge", "none", BW, I, "glutes", ["hamstrings"],
      "Do a glute bridge with one foot on the floor and the other leg held straight up."),
    E("Nordic Hamstring Curl", "none", BW, I, "hamstrings", [],
      "Kneel with your ankles held down. Lower your body forward as slowly as you can, catch yourself with your "
      "hands, and pull back up."),
    E("Standing Calf Raise", "none", BW, I, "calves", [],
      "Stand on the edge of a step. Lower your heels below it and rise as high as you can onto your toes."),
    E("Back Extension", "none", BW, I, "lower_back", ["glutes", "hamstrings"],
      "On a hyperextension bench, lower your torso toward the floor and raise it until your body is straight."),
    E("Superman", "none", BW, I, "lower_back", ["glutes"],
      "Lie face down and lift your arms, chest and legs off the floor at the same time. Pause and lower."),
    E("Bird Dog", "none", BW, I, "lower_back", ["abdominals", "glutes"],
      "On hands and knees, reach one arm forward and the opposite leg back, hold for a moment, and switch."),
    E("Crunch", "none", BW, I, "abdominals", [],
      "Lie on your back with knees bent. Curl your shoulders off the floor toward your hips and lower slowly."),
    E("Sit Up", "none", BW, C, "abdominals", [],
      "Lie on your back with knees bent and feet on the floor. Sit all the way up and roll back down."),
    E("Bicycle Crunch", "none", BW, I, "abdominals", [],
      "Lie on your back and bring one elbow toward the opposite knee while straightening the other leg, "
      "alternating sides."),
    E("Lying Leg Raise", "none", BW, I, "abdominals", [],
      "Lie flat and keep your lower back down as you raise straight legs to vertical and lower them slowly."),
    E("Hanging Leg Raise", "none", BW, I, "abdominals", ["forearms"],
      "Hang from a bar and raise straight legs to hip height or higher without swinging."),
    E("Hanging Knee Raise", "none", BW, I, "abdominals", ["forearms"],
      "Hang from a bar and pull your knees up toward your chest, then lower them with control."),
    E("Toes to Bar", "none", BW, C, "abdominals", ["lats", "forearms"],
      "Hang from a bar and lift your feet all the way up to touch the bar between your hands."),
    E("Dead Bug", "none", BW, I, "abdominals", [],
      "Lie on your back with arms up and knees over hips. Lower one arm and the opposite leg toward the floor "
      "while keeping your lower back down, then switch."),
    E("Mountain Climber", "none", RO, C, "abdominals", ["shoulders", "cardio"],
      "From a high plank, drive your knees toward your chest one after the other at a fast pace."),
    E("Burpee", "none", RO, C, "full_body", ["chest", "quadriceps", "cardio"],
      "Drop to the floor into a push up, jump your feet back to your hands, and jump up with your arms "
      "overhead."),
    E("Jumping Jack", "none", RO, C, "cardio", ["calves", "shoulders"],
      "Jump your feet out wide while raising your arms overhead, then jump back to the start."),
    E("Box Jump", "none", RO, C, "quadriceps", ["glutes", "calves"],
      "Swing your arms and jump onto a box, landing softly with bent knees. Step back down."),
    E("Plank", "none", DU, I, "abdominals", ["shoulders"],
      "Hold your body straight from head to heels on your forearms and toes, squeezing your glutes and abs."),
    E("Side Plank", "none", DU, I, "abdominals", ["abductors", "shoulders"],
      "Lie on your side and lift your hips so your body is straight, resting on one forearm. Hold, then switch "
      "sides."),
    E("Hollow Body Hold", "none", DU, I, "abdominals", [],
      "Lie on your back, press your lower back into the floor, and hold your arms and legs just off the "
      "floor."),
    E("L-Sit Hold", "none", DU, I, "abdominals", ["triceps", "quadriceps"],
      "Support yourself on parallel bars or the floor with straight arms and hold your legs straight out in "
      "front."),
    E("Wall Sit", "none", DU, I, "quadriceps", ["glutes"],
      "Lean your back against a wall and slide down until your thighs are parallel to the floor. Hold."),
    E("Dead Hang", "none", DU, I, "forearms", ["lats", "shoulders"],
      "Hang from a pull up bar with straight arms and relaxed shoulders for as long as you can."),
    E("High Knees", "none", DU, C, "cardio", ["quadriceps", "calves"],
      "Run on the spot, driving your knees up to hip height with quick arm swings."),
    E("Bear Crawl", "none", DU, C, "full_body", ["shoulders", "abdominals", "quadriceps"],
      "On hands and feet with your knees just off the floor, crawl forward and back keeping your hips low."),
    # --- Cardio, no equipment ---------------------------------------------------------------------
    E("Running", "none", DD, C, "cardio", ["quadriceps", "hamstrings", "calves"],
      "Run outdoors or on a track at your planned pace. Log distance and time."),
    E("Sprints", "none", DD, C, "cardio", ["hamstrings", "glutes", "quadriceps"],
      "Run short intervals at close to full speed with full recovery between them. Log each sprint's distance "
      "and time."),
    E("Walking", "none", DD, C, "cardio", ["calves"],
      "Walk at a brisk pace. Log distance and time."),
    E("Hiking", "none", DD, C, "cardio", ["quadriceps", "glutes", "calves"],
      "Walk on trails or hills, with or without a pack. Log distance and time."),
    E("Swimming", "none", DD, C, "cardio", ["full_body", "lats", "shoulders"],
      "Swim lengths in any stroke at a steady effort. Log distance and time."),
    E("Yoga", "none", DU, C, "other", ["full_body"],
      "A yoga or mobility session of held postures and flowing movement. Log the time."),
    E("Stretching", "none", DU, I, "other", [],
      "Static or dynamic stretches for the muscles you trained. Log the time."),
    # --- Resistance band --------------------------------------------------------------------------
    E("Band Pull Apart", "resistance_band", RO, I, "upper_back", ["shoulders", "traps"],
      "Hold a band in front of you at shoulder height with straight arms. Pull it apart until it touches your "
      "chest and return slowly."),
    E("Face Pull (Band)", "resistance_band", RO, I, "shoulders", ["upper_back"],
      "Anchor a band at face height and pull it toward your eyes, elbows high and wide."),
    E("Bicep Curl (Band)", "resistance_band", RO, I, "biceps", [],
      "Stand on the band and curl the ends up to your shoulders, keeping your elbows still."),
    E("Triceps Pushdown (Band)", "resistance_band", RO, I, "triceps", [],
      "Anchor a band overhead and push it down until your arms are straight, elbows at your sides."),
    E("Lateral Raise (Band)", "resistance_band", RO, I, "shoulders", [],
      "Stand on the band and raise the ends out to the sides to shoulder height."),
    E("Chest Press (Band)", "resistance_band", RO, C, "chest", ["triceps", "shoulders"],
      "Anchor the band behind you at chest height and press both handles forward until your arms are straight."),
    E("Row (Band)", "resistance_band", RO, C, "upper_back", ["lats", "biceps"],
      "Anchor the band in front of you and row the handles to your ribs, squeezing your shoulder blades."),
    E("Lat Pulldown (Band)", "resistance_band", RO, C, "lats", ["biceps"],
      "Anchor the band high and kneel beneath it. Pull the ends down to your shoulders, driving your elbows "
      "toward your hips."),
    E("Good Morning (Band)", "resistance_band", RO, C, "hamstrings", ["lower_back", "glutes"],
      "Stand on the band with the loop behind your neck. Hinge forward with a flat back and stand up against "
      "the tension."),
    E("Squat (Band)", "resistance_band", RO, C, "quadriceps", ["glutes"],
      "Stand on the band with the loop over your shoulders and squat down and up against it."),
    E("Lateral Band Walk", "resistance_band", RO, I, "abductors", ["glutes"],
      "With a mini band above your knees or ankles, squat slightly and take controlled steps to the side. "
      "Count steps each way."),
    E("Clamshell (Band)", "resistance_band", RO, I, "glutes", ["abductors"],
      "Lie on your side with knees bent and a mini band above them. Open the top knee while keeping your feet "
      "together."),
    E("Hip Abduction (Band)", "resistance_band", RO, I, "abductors", ["glutes"],
      "Sit with a mini band above your knees and push your knees apart, then let them come back slowly."),
    E("Pallof Press (Band)", "resistance_band", RO, I, "abdominals", [],
      "Anchor the band at chest height beside you. Press it straight out in front and resist the pull to the "
      "side."),
    E("Shoulder Pass Through (Band)", "resistance_band", RO, I, "shoulders", ["upper_back"],
      "Hold a long band wide with straight arms and lift it over your head and behind you, then bring it back."),
    E("Neck Extension (Band)", "resistance_band", RO, I, "neck", ["traps"],
      "Loop a light band around the back of your head, anchored in front. Tip your head back against it and "
      "return slowly."),
    E("Assisted Pull Up (Band)", "resistance_band", BA, C, "lats", ["biceps", "upper_back"],
      "Loop a band over the bar and put a knee or foot in it to take some of your weight, then do pull ups."),
    # --- Suspension trainer -----------------------------------------------------------------------
    E("Inverted Row (Suspension)", "suspension", BW, C, "upper_back", ["lats", "biceps"],
      "Lean back holding the handles with a straight body and pull your chest to your hands. Walk your feet "
      "forward to make it harder."),
    E("Push Up (Suspension)", "suspension", BW, C, "chest", ["triceps", "shoulders", "abdominals"],
      "Put your feet in the straps or hold the handles, and do push ups while keeping the straps steady."),
    E("Pike (Suspension)", "suspension", BW, C, "abdominals", ["shoulders"],
      "With your feet in the straps in a plank, lift your hips high with straight legs, then lower back to "
      "the plank."),
    E("Hamstring Curl (Suspension)", "suspension", BW, I, "hamstrings", ["glutes"],
      "Lie on your back with heels in the straps, lift your hips and curl your heels toward your glutes."),
    E("Fallout (Suspension)", "suspension", BW, C, "abdominals", ["lats", "shoulders"],
      "Lean into the handles with straight arms and let them move forward overhead, then pull back to upright."),
    E("Bicep Curl (Suspension)", "suspension", BW, I, "biceps", [],
      "Lean back holding the handles palms up and curl yourself toward your hands."),
    E("Y Raise (Suspension)", "suspension", BW, I, "shoulders", ["upper_back", "traps"],
      "Lean back holding the handles and raise your straight arms into a Y shape overhead, lifting your body."),
    E("Ring Dip", "suspension", BW, C, "triceps", ["chest", "shoulders"],
      "Support yourself on gymnastic rings with straight arms. Lower until your shoulders are below your "
      "elbows and press back up while keeping the rings steady."),
    # --- Other equipment --------------------------------------------------------------------------
    E("Trap Bar Deadlift", "other", WR, C, "quadriceps", ["glutes", "hamstrings", "traps", "lower_back"],
      "Stand inside a hex bar and grip the side handles. Push through the floor to stand tall and lower the "
      "bar the same way."),
    E("EZ Bar Curl", "other", WR, I, "biceps", ["forearms"],
      "Hold an EZ bar on its angled grips and curl it up with still elbows, then lower it."),
    E("EZ Bar Skullcrusher", "other", WR, I, "triceps", [],
      "Lie on a bench with an EZ bar over your chest and lower it toward your forehead by bending your elbows."),
    E("Ab Wheel Rollout", "other", BW, C, "abdominals", ["lats", "shoulders"],
      "Kneel holding an ab wheel. Roll it forward as far as you can keep your back flat, then pull it back."),
    E("Medicine Ball Slam", "other", WR, C, "full_body", ["lats", "abdominals", "shoulders"],
      "Lift a slam ball overhead and throw it down hard in front of your feet, then pick it up."),
    E("Wall Ball", "other", WR, C, "full_body", ["quadriceps", "shoulders", "glutes"],
      "Hold a medicine ball at your chest, squat, and throw it to a target on the wall as you stand. Catch it "
      "into the next squat."),
    E("Sled Push", "other", SW, C, "quadriceps", ["glutes", "calves", "full_body"],
      "Lean into the sled handles with straight arms and drive it forward with short, powerful steps. Log the "
      "distance and the load."),
    E("Sled Drag", "other", SW, C, "hamstrings", ["glutes", "quadriceps"],
      "Attach the sled to a harness or straps and walk or run forward or backward pulling it. Log the distance "
      "and the load."),
    E("Sandbag Carry", "other", SW, C, "full_body", ["upper_back", "abdominals"],
      "Bear-hug a sandbag at your chest or carry it on a shoulder and walk. Log distance and weight."),
    E("Jump Rope", "other", DU, C, "cardio", ["calves", "shoulders"],
      "Skip with small jumps on the balls of your feet, turning the rope with your wrists. Log the time."),
    E("Battle Ropes", "other", DU, C, "cardio", ["shoulders", "abdominals"],
      "Hold one rope end in each hand and make fast waves, slams or circles in a half squat. Log the time."),
    E("Cycling", "other", DD, C, "cardio", ["quadriceps", "glutes", "calves"],
      "Ride a bike outdoors. Log distance and time."),
    E("Rucking", "other", DD, C, "cardio", ["upper_back", "quadriceps"],
      "Walk briskly carrying a loaded backpack. Log distance and time."),
    E("Glute Ham Raise", "other", BW, I, "hamstrings", ["glutes", "calves"],
      "On a glute ham developer, lower your torso forward with your ankles locked in and curl yourself back up "
      "with your hamstrings."),
]
# fmt: on


def load_catalogue(exercise_model: Any) -> int:
    """Create or update every catalogue entry as a built-in exercise (no owner). Returns how many there are.

    Idempotent: running it again updates the same rows (matched by name and equipment) instead of adding
    copies. Takes the model as an argument so the data migration can pass its historical model.
    """
    for entry in CATALOGUE:
        exercise_model.objects.update_or_create(
            name=entry.name,
            equipment=entry.equipment,
            owner=None,
            defaults={
                "primary_muscle": entry.primary_muscle,
                "secondary_muscles": list(entry.secondary_muscles),
                "exercise_type": entry.exercise_type,
                "mechanic": entry.mechanic,
                "instructions": entry.instructions,
            },
        )
    return len(CATALOGUE)
