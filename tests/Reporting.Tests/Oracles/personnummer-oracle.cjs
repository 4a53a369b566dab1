// Reads one candidate number per line on stdin and writes, per line, what the npm package
// personnummer (3.2.1) says of it: {"valid": true|false, "coordination": true|false}.
// It is the independent oracle of PersonnummerOracleTests; nothing of the service is used here.
const Personnummer = require('personnummer');
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter(l => l.length > 0);
const out = lines.map(line => {
  const valid = Personnummer.valid(line);
  return JSON.stringify({ valid, coordination: valid && Personnummer.parse(line).isCoordinationNumber() });
});
process.stdout.write(out.join('\n') + '\n');
