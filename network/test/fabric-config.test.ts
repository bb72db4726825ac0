import { mergeYaml } from '../src/description/fabric-config';

describe('merging our overrides into Fabric sample configuration', () => {
  test('when an override sets a nested value, then only that value changes', () => {
    const base = {
      vm: { endpoint: 'unix:///var/run/docker.sock', docker: { tls: { enabled: false } } },
      peer: { id: 'x' },
    };

    const merged = mergeYaml(base, { vm: { endpoint: '' } });

    expect(merged).toEqual({ vm: { endpoint: '', docker: { tls: { enabled: false } } }, peer: { id: 'x' } });
  });

  test('when an override sets a list, then the list is replaced whole', () => {
    const merged = mergeYaml(
      { chaincode: { externalBuilders: [{ name: 'a' }, { name: 'b' }] } },
      { chaincode: { externalBuilders: [] } },
    );

    expect(merged).toEqual({ chaincode: { externalBuilders: [] } });
  });
});
