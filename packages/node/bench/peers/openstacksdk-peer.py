"""openstacksdk peer of `pnpm bench` (packages/node/bench/peers.ts): one operation against a Glance, timed inside Python (no interpreter start-up).

argv: list | download <image_id> <path>; env PEER_URL, PEER_HEADERS (JSON). Prints one JSON line.
"""
import json, os, resource, sys, time
from keystoneauth1 import session as ks_session
from keystoneauth1 import noauth
import openstack

url = os.environ["PEER_URL"]
headers = json.loads(os.environ["PEER_HEADERS"])
sess = ks_session.Session(auth=noauth.NoAuth(), additional_headers=headers)
conn = openstack.connection.Connection(session=sess, image_endpoint_override=url, image_api_version="2")
op = sys.argv[1]
t0 = time.perf_counter()
if op == "list":
    n = sum(1 for _ in conn.image.images())
    out = {"count": n}
else:
    image_id, path = sys.argv[2], sys.argv[3]
    # openstacksdk's verified download at its best: with `output` it writes each chunk and feeds
    # it to md5, then compares with Content-MD5 (or the image's checksum) and raises on a
    # mismatch; `stream=True` with it reads the body as it comes (without, the whole image is
    # read into memory first: 2.1 GB peak RSS for 1 GiB). `stream=True` alone verifies nothing.
    conn.image.download_image(image_id, stream=True, output=path, chunk_size=1024 * 1024)
    out = {"bytes": os.path.getsize(path)}
out["ms"] = (time.perf_counter() - t0) * 1000
out["maxRssMb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
