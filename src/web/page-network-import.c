/* page-network-import.c - 导入关系: links of a network from a spreadsheet (upload, columns, check, import; the API). */
#include <inttypes.h>
#include <string.h>

#include "import/import-links.h"
#include "web/handlers.h"
#include "web/import-flow.h"
#include "web/server.h"

/* The steps are import-flow.c's; the links are recorded in the user's own
 * division. */

static const struct crumb import_crumbs[] = {
	{ N_("关系网络"), "/network" }, { N_("导入关系"), "/network/import" }, { NULL, NULL },
};

static int run(struct req *r, struct table *t, const char *name, const struct import_mapping *m,
	       int dry_run, struct import_flow_result *res, struct buf *err)
{
	struct import_links_counts c;
	int rc = import_links(req_db(r), &r->actor, r->user.division, t, name, m, dry_run, &res->rep,
			      &c, err);
	res->counts[0] = (struct import_flow_count){ "entities", N_("新增实体数"), c.entities };
	res->ncounts = 1;
	res->json = json_pack("{s:o}", "batch_id", c.batch_id ? json_integer(c.batch_id) : json_null());
	return rc;
}

static const char *done_text(struct req *r, const struct import_flow_result *res)
{
	return arena_printf(&r->arena, _("已导入 %" PRId64 " 条关系，新增实体 %" PRId64 " 个"),
			    res->rep.imported, res->counts[0].value);
}

static const char *valid_text(struct req *r, const struct import_flow_result *res)
{
	return arena_printf(&r->arena, _("检查通过：可导入 %" PRId64 " 条关系"), res->rep.valid);
}

static const struct import_flow links_flow = {
	.base = "/network/import",
	.api = "/api/v1/network/import",
	.module = MOD_CASE,
	.crumbs = import_crumbs,
	.title = N_("导入关系"),
	.intro = N_("从 Excel（.xlsx）或 CSV 文件批量导入关系：话单、转账记录、寄递记录等，每行一条关系。"
		    "上传后确认各列对应的项目，再检查每一行：全部无误才能导入；已登记的关系自动跳过，"
		    "同一文件重复导入不会产生重复关系。"),
	.hint = N_("类别可写人员、电话、车辆、地址、银行卡、网络账号；没有类别列时，身份证号、手机号、车牌和银行卡号自动识别。"
		   "人员填写身份证号，本辖区没有档案的人员还须填写姓名。"),
	.list_columns = 1,
	.file_hint = N_("第一行或前几行中应有“起点”“终点”“关系类别”等列名"),
	.cols = &import_link_set,
	.valid_label = N_("可导入的关系"),
	.existing_label = N_("已登记（跳过）"),
	.none_text = N_("文件中没有需要导入的新关系"),
	.done_url = "/network",
	.done_label = N_("查看关系网络"),
	.run = run,
	.done_text = done_text,
	.valid_text = valid_text,
};

int page_network_import_form(struct req *r, struct resp *w)
{
	return import_flow_form(&links_flow, r, w);
}

int page_network_import_upload(struct req *r, struct resp *w)
{
	return import_flow_upload(&links_flow, r, w);
}

int page_network_import_columns(struct req *r, struct resp *w)
{
	return import_flow_columns(&links_flow, r, w);
}

int page_network_import_check(struct req *r, struct resp *w)
{
	return import_flow_check(&links_flow, r, w);
}

int page_network_import_commit(struct req *r, struct resp *w)
{
	return import_flow_commit(&links_flow, r, w);
}

int api_network_import(struct req *r, struct resp *w)
{
	return import_flow_api(&links_flow, r, w);
}
