// Drives a running Strata schema registry with Confluent's JavaScript client, unchanged, and prints
// one JSON line of results for ConfluentJavaScriptClientIT to check.
// Usage: node interop.mjs <registry-url> <subject> <hex of a record the Java serializer wrote>
import { SchemaRegistry, SchemaType, COMPATIBILITY } from '@kafkajs/confluent-schema-registry';

const [registryUrl, subject, javaHex] = process.argv.slice(2);
const registry = new SchemaRegistry({ host: registryUrl });

const v1 = {
  type: 'record', name: 'Greeting', namespace: 'io.strata.interop',
  fields: [{ name: 'id', type: 'string' }, { name: 'count', type: 'int' }],
};
const v2 = { ...v1, fields: [...v1.fields, { name: 'lang', type: 'string', default: 'en' }] };
const breaking = { ...v1, fields: [...v1.fields, { name: 'mandatory', type: 'string' }] };
const avro = (schema) => ({ type: SchemaType.AVRO, schema: JSON.stringify(schema) });

const result = {};
const v1Id = (await registry.register(avro(v1), { subject, compatibility: COMPATIBILITY.BACKWARD_TRANSITIVE })).id;
result.v1Id = v1Id;
result.encodedHex = (await registry.encode(v1Id, { id: 'a', count: 7 })).toString('hex');
result.decodedOwn = await registry.decode(Buffer.from(result.encodedHex, 'hex'));
result.decodedJava = await registry.decode(Buffer.from(javaHex, 'hex'));
result.v2Id = (await registry.register(avro(v2), { subject, compatibility: COMPATIBILITY.BACKWARD_TRANSITIVE })).id;
result.v1IdAgain = (await registry.register(avro(v1), { subject, compatibility: COMPATIBILITY.BACKWARD_TRANSITIVE })).id;
try {
  await registry.register(avro(breaking), { subject, compatibility: COMPATIBILITY.BACKWARD_TRANSITIVE });
  result.breakingStatus = 'accepted';
} catch (e) {
  result.breakingStatus = e.status ?? String(e);
}
result.latestId = await registry.getLatestSchemaId(subject);
result.lookupId = await registry.getRegistryIdBySchema(subject, avro(v1));
const v2Encoded = await registry.encode(result.v2Id, { id: 'b', count: 8, lang: 'zh' });
result.v2DecodedByFreshClient = await new SchemaRegistry({ host: registryUrl }).decode(v2Encoded);

process.stdout.write(JSON.stringify(result) + '\n');
